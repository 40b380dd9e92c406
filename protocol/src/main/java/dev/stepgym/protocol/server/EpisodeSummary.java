package dev.stepgym.protocol.server;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * What closing an episode answers: {@code {"episode_id","steps","return","outcome"}}.
 *
 * @param steps       the step count (for a fork, counted from the start of the parent)
 * @param totalReturn the sum of the rewards of the steps taken in this episode (a fork counts from the fork)
 * @param outcome     the environment's {@code outcome()} at close
 * @param returns     per-step values after the reward pipeline's trajectory transforms, when it has any
 */
public record EpisodeSummary(String episodeId, int steps, @JsonProperty("return") double totalReturn,
                             Map<String, Object> outcome,
                             @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                             java.util.List<Double> returns) {
    public EpisodeSummary {
        outcome = outcome == null ? Map.of() : outcome;
        returns = returns == null ? null : java.util.List.copyOf(returns);
    }
}
