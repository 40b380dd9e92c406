package dev.stepgym.agents.client;

import java.util.Map;

/**
 * The answer to closing an episode ({@code DELETE /v1/episodes/{id}}).
 *
 * @param episodeId   the closed episode
 * @param steps       how many steps it took
 * @param totalReturn the server's sum of step rewards ({@code "return"} on the wire)
 * @param outcome     what the episode achieved, e.g. {@code {"score":1.0,…}}; empty when nothing. A
 *                    non-object outcome on the wire is kept under the key {@code "value"}.
 */
public record EpisodeClosed(String episodeId, int steps, double totalReturn, Map<String, Object> outcome) {
    public EpisodeClosed {
        outcome = outcome == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outcome));
    }

    /** The outcome's numeric {@code score}, if it has one. */
    public java.util.OptionalDouble score() {
        return outcome.get("score") instanceof Number n ? java.util.OptionalDouble.of(n.doubleValue()) : java.util.OptionalDouble.empty();
    }
}
