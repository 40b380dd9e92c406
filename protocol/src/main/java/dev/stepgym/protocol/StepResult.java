package dev.stepgym.protocol;

import java.util.List;
import java.util.Map;

/**
 * The answer to a step. {@code reward} is the weighted sum of {@code rewards}; {@code terminated}
 * (the task reached an end state) and {@code truncated} (a limit cut the episode short) are apart,
 * as in Gymnasium.
 */
public record StepResult(
        Observation observation,
        double reward,
        List<RewardComponent> rewards,
        boolean terminated,
        boolean truncated,
        int step,
        String stateHash,
        Map<String, Object> info) {

    public StepResult {
        rewards = List.copyOf(rewards);
        info = info == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(info));
    }

    public boolean done() {
        return terminated || truncated;
    }
}
