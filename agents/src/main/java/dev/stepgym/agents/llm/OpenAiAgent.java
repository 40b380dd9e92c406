package dev.stepgym.agents.llm;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;

import java.util.Objects;

/**
 * A model behind an OpenAI-compatible chat-completions endpoint, playing episodes through the
 * protocol (see the package description for the prompt, the reply convention and retries).
 *
 * <pre>{@code
 * Agent agent = Agents.create("openai:gpt-4o-mini", new AgentConfig(0, Map.of("base_url", "http://127.0.0.1:8000/v1")));
 * }</pre>
 */
public final class OpenAiAgent implements Agent {
    public static final String NAME = "openai";

    private final LlmSettings settings;
    private final ChatCompletionsClient client;
    private final PromptBuilder prompts;

    public OpenAiAgent(LlmSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.client = new ChatCompletionsClient(settings);
        this.prompts = new PromptBuilder(settings);
    }

    public LlmSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME + ":" + settings.model();
    }

    @Override
    public Policy start(EpisodeStart start) {
        return new LlmPolicy(client, prompts, start, settings.historyTurns());
    }
}
