package dev.stepgym.protocol.env;

import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;

import java.util.List;
import java.util.Map;

/**
 * The result of one environment step, before the server adds the step counter, the state hash
 * and the time limit.
 *
 * <p>An environment reports what happened in {@code evidence} (the page, the documents
 * retrieved, the diagnostics before and after, the test results, the invalid-action flag) and
 * leaves {@code rewards} empty: the reward layer turns the evidence into components (see the
 * {@code rewards} module), so a recorded run can be re-scored from its evidence alone.
 *
 * @param rewards   the components, filled in by the reward layer
 * @param truncated set when the environment itself cuts the episode short; the server's step limit
 *                  is applied on top
 * @param evidence  what happened at this step, JSON-serialisable, in a stable key order
 */
public record Transition(Observation observation, List<RewardComponent> rewards, boolean terminated,
                         boolean truncated, Map<String, Object> info, Map<String, Object> evidence) {
    public Transition {
        rewards = List.copyOf(rewards);
        info = info == null ? Map.of() : info;
        evidence = evidence == null ? Map.of() : evidence;
    }

    public Transition(Observation observation, List<RewardComponent> rewards, boolean terminated,
                      boolean truncated, Map<String, Object> info) {
        this(observation, rewards, terminated, truncated, info, Map.of());
    }

    /** An environment's step: what happened, no rewards yet. */
    public static Transition observed(Observation observation, Map<String, Object> evidence, boolean terminated,
                                      boolean truncated, Map<String, Object> info) {
        return new Transition(observation, List.of(), terminated, truncated, info, evidence);
    }

    /** This step with the reward layer's components. */
    public Transition withRewards(List<RewardComponent> components) {
        return new Transition(observation, components, terminated, truncated, info, evidence);
    }

    public static Transition of(Observation observation, List<RewardComponent> rewards, boolean terminated) {
        return new Transition(observation, rewards, terminated, false, Map.of());
    }
}
