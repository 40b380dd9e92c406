package dev.stepgym.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.Observation;

/**
 * One episode of the {@code openai} agent. Each observation answers the previous reply (as the
 * tool message of the call that was acted on, or as a user message), then the model is asked for
 * the next action. A reply with no readable action is answered once with the parse error and
 * asked again; if the second reply is no better, its raw text goes to the environment as a text
 * action, so the environment's {@code last_action_error} (and its invalid-action penalty) tells the
 * model what was wrong on the next turn. An endpoint failure ({@link LlmEndpointException}) ends
 * the episode with that message.
 */
final class LlmPolicy implements Policy {
    static final String NOT_EXECUTED = "Not executed: one action per step; only the first tool call was run.";

    private final ChatCompletionsClient client;
    private final PromptBuilder prompts;
    private final EnvSpec spec;
    private final Conversation conversation;
    private boolean started;

    LlmPolicy(ChatCompletionsClient client, PromptBuilder prompts, EpisodeStart start, int historyTurns) {
        this.client = client;
        this.prompts = prompts;
        this.spec = start.spec();
        this.conversation = new Conversation(prompts.system(start), prompts.first(start), historyTurns);
    }

    @Override
    public Action next(Observation observation) {
        if (started) {
            conversation.answer(prompts.observation(observation), NOT_EXECUTED);
        }
        started = true;
        JsonNode reply = ask();
        ReplyParser.Parsed parsed = ReplyParser.parse(reply);
        if (parsed.ok()) {
            return parsed.action();
        }
        conversation.answer(prompts.reask(parsed.error()), prompts.reask(parsed.error()));
        JsonNode second = ask();
        ReplyParser.Parsed again = ReplyParser.parse(second);
        return again.ok() ? again.action() : Action.text(again.raw().strip());
    }

    Conversation conversation() {
        return conversation;
    }

    private JsonNode ask() {
        JsonNode reply = client.complete(prompts.request(spec, conversation.messages()));
        conversation.assistant(reply);
        return reply;
    }
}
