package dev.stepgym.agents;

import java.util.Map;

/**
 * How to build an agent.
 *
 * @param seed    seed of any randomness the agent uses (same seed, same decisions)
 * @param options agent-specific options, e.g. {@code "actions"} for the replay agent; never null
 */
public record AgentConfig(long seed, Map<String, Object> options) {
    public AgentConfig {
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(options));
    }

    public static AgentConfig seeded(long seed) {
        return new AgentConfig(seed, Map.of());
    }
}
