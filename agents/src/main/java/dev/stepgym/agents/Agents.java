package dev.stepgym.agents;

import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** Every agent on the class path, found through {@link ServiceLoader}, by name. */
public final class Agents {
    private Agents() {
    }

    /** Creates the agent called {@code name} with a seed and no options. */
    public static Agent create(String name, long seed) {
        return create(name, AgentConfig.seeded(seed));
    }

    /**
     * Creates the agent called {@code name}.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones) or bad options
     */
    public static Agent create(String name, AgentConfig config) {
        AgentProvider provider = providers().get(name);
        if (provider == null) {
            throw new IllegalArgumentException("unknown agent '" + name + "'; known agents: " + providers().keySet());
        }
        return provider.create(config);
    }

    /** The registered providers by name, sorted. */
    public static Map<String, AgentProvider> providers() {
        return providers(Agents.class.getClassLoader());
    }

    public static Map<String, AgentProvider> providers(ClassLoader loader) {
        Map<String, AgentProvider> found = new TreeMap<>();
        for (AgentProvider provider : ServiceLoader.load(AgentProvider.class, loader)) {
            AgentProvider previous = found.put(provider.name(), provider);
            if (previous != null) {
                throw new IllegalStateException("two agent providers claim '" + provider.name() + "': "
                        + previous.getClass().getName() + " and " + provider.getClass().getName());
            }
        }
        return Collections.unmodifiableMap(found);
    }
}
