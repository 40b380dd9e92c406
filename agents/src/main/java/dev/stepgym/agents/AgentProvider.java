package dev.stepgym.agents;

/**
 * Entry point of an agent kind, registered in
 * {@code META-INF/services/dev.stepgym.agents.AgentProvider} and found by {@link #name()}.
 */
public interface AgentProvider {

    /** The unique name users pick the agent by, e.g. {@code random}, {@code oracle-shop}. */
    String name();

    /** One line for listings. */
    String description();

    /** @throws IllegalArgumentException when {@code config} lacks or misstates an option this agent needs */
    Agent create(AgentConfig config);

    /**
     * The option that the argument of a {@code kind:argument} name sets (e.g. {@code model} for
     * {@code openai:gpt-4o-mini}), or null when this agent takes no argument in its name.
     */
    default String argumentOption() {
        return null;
    }
}
