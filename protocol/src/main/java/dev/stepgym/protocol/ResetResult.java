package dev.stepgym.protocol;

import java.util.Map;

/** The answer to a reset or a fork: a new episode and its first observation. */
public record ResetResult(String episodeId, Observation observation, Map<String, Object> info,
                          int leaseSeconds, String stateHash) {
    public ResetResult {
        info = info == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(info));
    }
}
