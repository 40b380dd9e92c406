package dev.stepgym.rewards.transform;

import java.util.ArrayList;
import java.util.List;

/** A {@link CreditTransform.Scope#TRAJECTORY} transform: applied to a group, it maps each member on its own. */
public interface TrajectoryTransform extends CreditTransform {

    @Override
    default Scope scope() {
        return Scope.TRAJECTORY;
    }

    /** This trajectory's values. */
    TrajectoryValues applyTo(TrajectoryRewards trajectory, TransformParams params);

    @Override
    default TransformResult apply(TrajectoryGroup group, TransformParams params) {
        List<TrajectoryValues> out = new ArrayList<>(group.size());
        for (TrajectoryRewards member : group.members()) {
            out.add(applyTo(member, params));
        }
        return new TransformResult(name(), out);
    }
}
