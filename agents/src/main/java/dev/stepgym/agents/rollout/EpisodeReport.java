package dev.stepgym.agents.rollout;

import dev.stepgym.protocol.Action;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * How one episode of a rollout went.
 *
 * @param index          position of the episode in the spec list
 * @param spec           what was asked for
 * @param episodeId      the server's id, or null when the reset failed
 * @param steps          steps taken
 * @param totalReturn    sum of the step rewards
 * @param componentSums  per reward component, the sum of its weighted values over the episode (they
 *                       add up to {@code totalReturn})
 * @param outcome        the outcome from closing the episode (e.g. {@code score}); empty if unknown
 * @param finalInfo      the last step's info (the reset info when no step was taken)
 * @param terminated     the episode reached an end state
 * @param truncated      a step limit cut it short (the server's, or the runner's guard)
 * @param finalStateHash the last state hash the server reported
 * @param actions        the actions taken, in order (for replays)
 * @param error          why the episode failed, or null when it ran to its end
 */
public record EpisodeReport(int index, EpisodeSpec spec, String episodeId, int steps, double totalReturn,
                            Map<String, Double> componentSums, Map<String, Object> outcome, Map<String, Object> finalInfo,
                            boolean terminated, boolean truncated, String finalStateHash, List<Action> actions, String error) {
    public EpisodeReport {
        componentSums = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(componentSums));
        outcome = outcome == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcome));
        finalInfo = finalInfo == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(finalInfo));
        actions = List.copyOf(actions);
    }

    /** Whether the episode ran without error. */
    public boolean ok() {
        return error == null;
    }

    /** The outcome's numeric {@code score}, if it has one. */
    public OptionalDouble score() {
        return outcome.get("score") instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    EpisodeReport withError(String newError) {
        return new EpisodeReport(index, spec, episodeId, steps, totalReturn, componentSums, outcome, finalInfo,
                terminated, truncated, finalStateHash, actions, newError);
    }
}
