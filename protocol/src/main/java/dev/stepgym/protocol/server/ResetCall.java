package dev.stepgym.protocol.server;

import java.util.Map;

/**
 * A request to start an episode, as sent to {@code POST /v1/episodes} or the {@code reset} op.
 *
 * @param env     versioned environment id (a blank one is refused later as an unknown environment)
 * @param task    task id, or null to let the seed pick one
 * @param seed    seed, or null to have the server draw one (reported back in {@code info.seed})
 * @param options environment options; the server itself reads {@code max_steps} (a positive int) and
 *                {@code privileged} (a boolean, honoured only when the server allows it)
 */
public record ResetCall(String env, String task, Long seed, Map<String, Object> options) {
    public ResetCall {
        if (env == null) {
            throw new IllegalArgumentException("env is required");
        }
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    public static ResetCall of(String env, String task, Long seed) {
        return new ResetCall(env, task, seed, Map.of());
    }
}
