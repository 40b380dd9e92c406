package dev.stepgym.agents.llm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.ToolSpec;
import dev.stepgym.protocol.json.Json;

import java.util.List;
import java.util.Locale;

/**
 * Turns what the protocol gives an agent into chat messages: a system message from the
 * environment's description (id, description, action format, step limit, and the reply
 * convention), a first user message with the instruction and the reset observation, one message
 * per later observation (text, available actions, and {@code last_action_error} first when the last
 * action failed), and the {@code tools} array from the environment's tool schemas.
 */
public final class PromptBuilder {
    /** Available actions listed in a prompt at most; the rest are counted, not listed. */
    static final int MAX_LISTED_ACTIONS = 60;

    private final LlmSettings settings;

    public PromptBuilder(LlmSettings settings) {
        this.settings = settings;
    }

    /** The system message of an episode. */
    public String system(EpisodeStart start) {
        StringBuilder text = new StringBuilder();
        EnvSpec spec = start.spec();
        if (spec != null) {
            text.append("You are an agent acting in the environment ").append(spec.id()).append(".\n")
                    .append(spec.description().strip()).append("\n\n");
        } else {
            text.append("You are an agent acting in an environment, one action per turn.\n\n");
        }
        text.append("Each turn you get an observation and answer with exactly one action.\n");
        boolean tools = sendsTools(spec);
        if (tools) {
            text.append("Act either by calling one of the provided tools (one tool call per turn) or by writing a text action.\n");
        }
        text.append("""
                A text action goes alone on the first line of your reply, e.g. search[red shoes]; or put it in a fenced \
                block tagged action (```action, then the action, then ```), which may span several lines. \
                Write any reasoning after the action, never before it.
                """);
        if (spec != null && "tool".equals(spec.actionFormat()) && !tools && !spec.tools().isEmpty()) {
            text.append("\nThe tools, written as text actions name{json arguments}:\n");
            for (ToolSpec tool : spec.tools()) {
                text.append("- ").append(tool.name()).append(": ").append(java.util.Objects.toString(tool.description(), "").strip())
                        .append(" Arguments schema: ").append(Json.write(tool.parameters())).append('\n');
            }
        }
        if (spec != null) {
            text.append(String.format(Locale.ROOT, "The episode ends after at most %d steps.%n", spec.maxSteps()));
        }
        return text.toString().strip();
    }

    /** The first user message: the instruction (from the reset info) and the reset observation. */
    public String first(EpisodeStart start) {
        StringBuilder text = new StringBuilder();
        if (start.info().get("instruction") instanceof String instruction && !instruction.isBlank()) {
            text.append("Instruction: ").append(instruction.strip()).append("\n\n");
        }
        return text.append(observation(start.observation())).toString();
    }

    /** An observation as a message: the failure of the last action first, then the text and the actions. */
    public String observation(Observation observation) {
        StringBuilder text = new StringBuilder();
        if (observation.lastActionError() != null) {
            text.append("Your last action was not accepted: ").append(observation.lastActionError().strip()).append("\n\n");
        }
        text.append("Observation:\n").append(cut(observation.text() == null ? "" : observation.text().strip()));
        List<String> actions = observation.availableActions();
        if (!actions.isEmpty()) {
            text.append("\n\nAvailable actions:");
            actions.stream().limit(MAX_LISTED_ACTIONS).forEach(action -> text.append("\n- ").append(action));
            if (actions.size() > MAX_LISTED_ACTIONS) {
                text.append("\n(and ").append(actions.size() - MAX_LISTED_ACTIONS).append(" more)");
            }
        }
        return text.toString();
    }

    /** What the user says when a reply held no action it could read. */
    public String reask(String parseError) {
        return "I could not read an action from your reply: " + parseError
                + ". Answer again with exactly one action: a tool call, or the text action alone on the first line.";
    }

    /** Whether requests carry the environment's tool schemas. */
    public boolean sendsTools(EnvSpec spec) {
        return settings.useTools() && spec != null && !spec.tools().isEmpty();
    }

    /** The request's {@code tools} array (OpenAI function tools). */
    public ArrayNode tools(EnvSpec spec) {
        ArrayNode tools = Json.mapper().createArrayNode();
        for (ToolSpec tool : spec.tools()) {
            ObjectNode function = Json.mapper().createObjectNode()
                    .put("name", tool.name())
                    .put("description", java.util.Objects.toString(tool.description(), ""));
            function.set("parameters", Json.toTree(tool.parameters()));
            tools.addObject().put("type", "function").set("function", function);
        }
        return tools;
    }

    /** A chat-completions request body for {@code messages}. */
    public ObjectNode request(EnvSpec spec, List<ObjectNode> messages) {
        ObjectNode body = Json.mapper().createObjectNode()
                .put("model", settings.model())
                .put("temperature", settings.temperature())
                .put("max_tokens", settings.maxTokens());
        body.putArray("messages").addAll(messages);
        if (sendsTools(spec)) {
            body.set("tools", tools(spec));
            body.put("tool_choice", "auto");
        }
        return body;
    }

    private String cut(String text) {
        int limit = settings.maxObservationChars();
        if (text.length() <= limit) {
            return text;
        }
        return text.substring(0, limit) + "\n[… " + (text.length() - limit) + " more characters not shown]";
    }
}
