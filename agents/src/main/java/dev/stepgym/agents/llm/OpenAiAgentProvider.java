package dev.stepgym.agents.llm;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.AgentConfig;
import dev.stepgym.agents.AgentProvider;

import java.util.Objects;
import java.util.function.Function;

/**
 * Registers {@link OpenAiAgent} as {@code openai}; {@code openai:MODEL} sets option {@code model}.
 * Options are those of {@link LlmSettings}; missing ones come from the process environment.
 */
public final class OpenAiAgentProvider implements AgentProvider {
    private final Function<String, String> environment;

    /** The ServiceLoader's constructor: reads the process environment. */
    public OpenAiAgentProvider() {
        this(System::getenv);
    }

    /** With another environment lookup (tests). */
    public OpenAiAgentProvider(Function<String, String> environment) {
        this.environment = Objects.requireNonNull(environment, "environment");
    }

    @Override
    public String name() {
        return OpenAiAgent.NAME;
    }

    @Override
    public String description() {
        return "a model behind an OpenAI-compatible chat-completions endpoint (openai:MODEL; OPENAI_BASE_URL, OPENAI_API_KEY)";
    }

    @Override
    public String argumentOption() {
        return LlmSettings.MODEL;
    }

    @Override
    public Agent create(AgentConfig config) {
        return new OpenAiAgent(LlmSettings.from(config.options(), environment));
    }
}
