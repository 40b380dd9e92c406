package dev.stepgym.rewards.pipeline;

import dev.stepgym.protocol.RewardComponent;
import dev.stepgym.protocol.RewardKind;
import dev.stepgym.rewards.transform.CreditTransform;
import dev.stepgym.rewards.transform.TrajectoryGroup;
import dev.stepgym.rewards.transform.TrajectoryRewards;
import dev.stepgym.rewards.transform.TransformParams;
import dev.stepgym.rewards.transform.Transforms;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline's transforms, checked once and applied in order: each one's per-step values are the
 * next one's step rewards; the outcome stays. A trajectory enters as its weighted step rewards
 * without the {@link RewardKind#OUTCOME outcome} components, whose sum is its outcome (so the
 * outcome is counted once, where each transform puts it).
 *
 * <p>Online, at an episode's end, only the transforms before the first group-scoped one run (a
 * group transform needs the episode's siblings); offline ({@code replay rescore}) and through
 * {@code POST /v1/rewards/transform} the whole chain runs over a group of the same task.
 */
public final class TransformChain {
    private final List<Stage> stages;

    private record Stage(CreditTransform transform, TransformParams params) {}

    private TransformChain(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /**
     * @throws IllegalArgumentException naming the entry: an unknown transform or bad parameters
     */
    static TransformChain of(List<PipelineConfig.TransformEntry> entries, String where) {
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            PipelineConfig.TransformEntry e = entries.get(i);
            try {
                CreditTransform t = Transforms.byName(e.name());
                stages.add(new Stage(t, TransformParams.of(t, e.params())));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(where + ".transforms[" + i + "]: " + ex.getMessage(), ex);
            }
        }
        return new TransformChain(stages);
    }

    public boolean isEmpty() {
        return stages.isEmpty();
    }

    /** Whether any transform runs for a single episode at its end. */
    public boolean runsOnline() {
        return !stages.isEmpty() && stages.get(0).transform().scope() == CreditTransform.Scope.TRAJECTORY;
    }

    /** A trajectory as the transforms read it, from its steps' components (and state hashes, or none). */
    public static TrajectoryRewards trajectory(String id, List<List<RewardComponent>> steps, List<String> stateHashes) {
        List<Double> stepRewards = new ArrayList<>();
        double outcome = 0;
        for (List<RewardComponent> step : steps) {
            double process = 0;
            for (RewardComponent c : step) {
                if (c.kind() == RewardKind.OUTCOME) {
                    outcome += c.weighted();
                } else {
                    process += c.weighted();
                }
            }
            stepRewards.add(process);
        }
        return new TrajectoryRewards(id, stepRewards, stateHashes, outcome);
    }

    /** The online part of the chain over one episode; null when nothing runs online. */
    public List<Double> online(TrajectoryRewards episode) {
        List<Stage> online = new ArrayList<>();
        for (Stage s : stages) {
            if (s.transform().scope() != CreditTransform.Scope.TRAJECTORY) {
                break;
            }
            online.add(s);
        }
        if (online.isEmpty() || episode.steps() == 0) {
            return null;
        }
        return run(online, new TrajectoryGroup(List.of(episode))).get(0);
    }

    /** The whole chain over a group of trajectories of the same task, aligned with its members. */
    public List<List<Double>> offline(TrajectoryGroup group) {
        return run(stages, group);
    }

    private static List<List<Double>> run(List<Stage> stages, TrajectoryGroup group) {
        TrajectoryGroup current = group;
        List<List<Double>> values = null;
        for (Stage s : stages) {
            values = s.transform().apply(current, s.params()).values();
            List<TrajectoryRewards> next = new ArrayList<>();
            for (int i = 0; i < current.size(); i++) {
                next.add(current.members().get(i).withStepRewards(values.get(i)));
            }
            current = new TrajectoryGroup(next);
        }
        return values;
    }
}
