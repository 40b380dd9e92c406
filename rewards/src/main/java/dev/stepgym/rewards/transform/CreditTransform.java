package dev.stepgym.rewards.transform;

import java.util.Map;
import java.util.Set;

/**
 * A credit-assignment transform: a pure function of a group's rewards (and its parameters) to
 * per-step values. Implementations are stateless and have a public no-argument constructor: they are
 * found by name through {@link Transforms}, listed in
 * {@code META-INF/services/dev.stepgym.rewards.transform.CreditTransform}.
 *
 * <p>A {@link Scope#TRAJECTORY} transform reads one trajectory at a time (implement
 * {@link TrajectoryTransform}); applied to a group it treats each member on its own. A
 * {@link Scope#GROUP} transform compares the members of a group.
 *
 * <pre>{@code
 * TransformResult r = Transforms.apply("grpo",
 *         TrajectoryGroup.of(TrajectoryRewards.of("a", 1.0, 0.0, 0.0), TrajectoryRewards.of("b", 0.0, 0.0)),
 *         Map.of("normalize_std", false));
 * r.values(0);   // [0.5, 0.5]
 * }</pre>
 */
public interface CreditTransform {

    /** The transform's name in pipelines and on the wire. */
    String name();

    Scope scope();

    /** The optional parameters with their defaults. */
    default Map<String, Object> defaultParams() {
        return Map.of();
    }

    /** The parameters without a default, which every call must give. */
    default Set<String> requiredParams() {
        return Set.of();
    }

    /**
     * @param params from {@link TransformParams#of} for this transform
     * @throws IllegalArgumentException naming the transform and the parameter or trajectory at fault
     */
    TransformResult apply(TrajectoryGroup group, TransformParams params);

    /** Whether a transform reads one trajectory at a time or compares a group's members. */
    enum Scope { TRAJECTORY, GROUP }
}
