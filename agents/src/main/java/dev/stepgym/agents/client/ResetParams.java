package dev.stepgym.agents.client;

import java.util.Map;
import java.util.Objects;

/**
 * The body of a reset ({@code POST /v1/episodes}).
 *
 * @param env     versioned environment id, e.g. {@code shop-v1}
 * @param task    a task id, or null to let the seed pick one
 * @param seed    the seed, or null to let the server draw one
 * @param options environment options (e.g. {@code "privileged": true} for oracle agents); never null
 */
public record ResetParams(String env, String task, Long seed, Map<String, Object> options) {
    public ResetParams {
        Objects.requireNonNull(env, "env");
        if (env.isBlank()) {
            throw new IllegalArgumentException("env must not be blank");
        }
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    public static ResetParams of(String env) {
        return new ResetParams(env, null, null, Map.of());
    }

    public ResetParams withSeed(long newSeed) {
        return new ResetParams(env, task, newSeed, options);
    }

    public ResetParams withTask(String newTask) {
        return new ResetParams(env, newTask, seed, options);
    }
}
