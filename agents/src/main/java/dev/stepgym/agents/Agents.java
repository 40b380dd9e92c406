package dev.stepgym.agents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Every agent on the class path, found through {@link ServiceLoader}, by name. A name is either a
 * provider's name ({@code random}) or {@code kind:argument} ({@code openai:gpt-4o-mini}): provider
 * {@code kind} gets the argument as the option it names in {@link AgentProvider#argumentOption()}.
 */
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
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones), an
     *         argument given to an agent that takes none, or bad options
     */
    public static Agent create(String name, AgentConfig config) {
        Map<String, AgentProvider> providers = providers();
        AgentProvider provider = providers.get(name);
        if (provider != null) {
            return provider.create(config);
        }
        int colon = name.indexOf(':');
        AgentProvider kind = colon > 0 ? providers.get(name.substring(0, colon)) : null;
        if (kind == null) {
            throw new IllegalArgumentException("unknown agent '" + name + "'; known agents: " + providers.keySet()
                    + " (some take an argument: " + withArguments(providers) + ")");
        }
        String argument = name.substring(colon + 1);
        String option = kind.argumentOption();
        if (option == null) {
            throw new IllegalArgumentException("agent '" + kind.name() + "' takes no argument, but was named '" + name + "'");
        }
        if (argument.isBlank()) {
            throw new IllegalArgumentException("agent name '" + name + "' has an empty argument; use " + kind.name() + ":<" + option + ">");
        }
        Object given = config.options().get(option);
        if (given != null && !given.toString().equals(argument)) {
            throw new IllegalArgumentException("agent '" + name + "' sets option \"" + option + "\" to '" + argument
                    + "', but the options already set it to '" + given + "'");
        }
        Map<String, Object> options = new LinkedHashMap<>(config.options());
        options.put(option, argument);
        return kind.create(new AgentConfig(config.seed(), options));
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

    private static String withArguments(Map<String, AgentProvider> providers) {
        return providers.values().stream().filter(p -> p.argumentOption() != null)
                .map(p -> p.name() + ":<" + p.argumentOption() + ">").toList().toString();
    }
}
