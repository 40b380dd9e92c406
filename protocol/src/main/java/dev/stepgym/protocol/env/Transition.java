package dev.stepgym.protocol.env;

import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.RewardComponent;

import java.util.List;
import java.util.Map;

/**
 * The result of one environment step, before the server adds the step counter, the state hash,
 * the time limit and the reward weights of the scenario.
 *
 * @param truncated set when the environment itself cuts the episode short; the server's step limit
 *                  is applied on top
 */
public record Transition(Observation observation, List<RewardComponent> rewards, boolean terminated,
                         boolean truncated, Map<String, Object> info) {
    public Transition {
        rewards = List.copyOf(rewards);
        info = info == null ? Map.of() : info;
    }

    public static Transition of(Observation observation, List<RewardComponent> rewards, boolean terminated) {
        return new Transition(observation, rewards, terminated, false, Map.of());
    }
}
