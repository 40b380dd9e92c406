package dev.stepgym.protocol.env;

import java.util.Map;

/**
 * What an environment gets at reset.
 *
 * @param seed       the seed (always set: the server draws one when the client gives none)
 * @param task       a task id, or null to let the seed pick one
 * @param options    environment-specific options from the client
 * @param privileged whether the scenario allows privileged goal data in {@code info} (oracle agents)
 */
public record ResetRequest(long seed, String task, Map<String, Object> options, boolean privileged) {
    public ResetRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
    }

    public String option(String key, String fallback) {
        Object value = options.get(key);
        return value == null ? fallback : value.toString();
    }
}
