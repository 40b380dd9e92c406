package dev.stepgym.agents.rollout;

import java.util.Map;
import java.util.Objects;

/**
 * One episode to run.
 *
 * @param env     versioned environment id
 * @param task    task id, or null to let the seed pick
 * @param seed    seed, or null to let the server draw one
 * @param options reset options; never null
 */
public record EpisodeSpec(String env, String task, Long seed, Map<String, Object> options) {
    public EpisodeSpec {
        Objects.requireNonNull(env, "env");
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    public static EpisodeSpec of(String env, long seed) {
        return new EpisodeSpec(env, null, seed, Map.of());
    }

    /** {@code count} episodes of {@code env} with seeds {@code firstSeed, firstSeed+1, …}. */
    public static java.util.List<EpisodeSpec> seeds(String env, long firstSeed, int count) {
        return java.util.stream.LongStream.range(firstSeed, firstSeed + count).mapToObj(s -> of(env, s)).toList();
    }
}
