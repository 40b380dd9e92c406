package dev.stepgym.agents.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.json.Json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an action from an assistant message, in this order:
 * <ol>
 *   <li>a tool call: {@code tool_calls[0].function.name} with {@code arguments} (a JSON string
 *       holding an object; empty means no arguments) becomes a tool action;</li>
 *   <li>a fenced block tagged {@code action} (<code>```action … ```</code>): its content, trimmed,
 *       may span lines;</li>
 *   <li>a reply that is one fenced block of any tag: its content;</li>
 *   <li>a line starting with {@code Action:}: the rest of that line;</li>
 *   <li>otherwise the first non-blank line, without surrounding backticks.</li>
 * </ol>
 * Whether the action is valid is the environment's call, not the parser's: it only refuses a reply
 * with no action in it (no tool call and no text) or with tool arguments that are not a JSON object.
 */
public final class ReplyParser {
    private static final Pattern ACTION_FENCE = Pattern.compile("```action[ \\t]*\\r?\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern WHOLE_FENCE = Pattern.compile("\\A```[\\w-]*[ \\t]*\\r?\\n(.*?)```\\s*\\z", Pattern.DOTALL);
    private static final Pattern ACTION_LINE = Pattern.compile("(?im)^\\s*action\\s*:\\s*(\\S.*)$");

    private ReplyParser() {
    }

    /**
     * What a reply says to do: an action, or why none could be read.
     *
     * @param action the action, or null when the reply could not be read
     * @param error  why not, or null
     * @param raw    the reply as text, for the fallback: its content, or {@code name{arguments}} of a tool call
     */
    public record Parsed(Action action, String error, String raw) {
        public boolean ok() {
            return action != null;
        }

        static Parsed of(Action action, String raw) {
            return new Parsed(action, null, raw);
        }

        static Parsed failed(String error, String raw) {
            return new Parsed(null, error, raw);
        }
    }

    public static Parsed parse(JsonNode message) {
        String content = message.path("content").isTextual() ? message.path("content").asText() : "";
        JsonNode calls = message.path("tool_calls");
        if (calls.isArray() && !calls.isEmpty()) {
            return toolCall(calls.get(0), content);
        }
        return text(content);
    }

    static Parsed text(String content) {
        if (content.isBlank()) {
            return Parsed.failed("the reply was empty (no text and no tool call)", content);
        }
        Matcher fenced = ACTION_FENCE.matcher(content);
        if (fenced.find()) {
            return nonBlank(fenced.group(1).strip(), "the ```action block was empty", content);
        }
        Matcher whole = WHOLE_FENCE.matcher(content.strip());
        if (whole.find()) {
            return nonBlank(whole.group(1).strip(), "the fenced block was empty", content);
        }
        Matcher line = ACTION_LINE.matcher(content);
        if (line.find()) {
            return nonBlank(unquote(line.group(1).strip()), "the Action: line was empty", content);
        }
        for (String candidate : content.split("\\R")) {
            String stripped = unquote(candidate.strip());
            if (!stripped.isEmpty() && !stripped.startsWith("```")) {
                return Parsed.of(Action.text(stripped), content);
            }
        }
        return Parsed.failed("the reply had no line with an action", content);
    }

    private static Parsed toolCall(JsonNode call, String content) {
        JsonNode function = call.path("function");
        String name = function.path("name").asText("").strip();
        JsonNode arguments = function.path("arguments");
        String raw = name + (arguments.isTextual() ? arguments.asText() : arguments.isMissingNode() ? "" : arguments.toString());
        if (name.isEmpty()) {
            return Parsed.failed("the tool call has no function name", raw.isEmpty() ? content : raw);
        }
        JsonNode object;
        if (arguments.isMissingNode() || arguments.isNull() || (arguments.isTextual() && arguments.asText().isBlank())) {
            object = Json.mapper().createObjectNode();
        } else if (arguments.isTextual()) {
            try {
                object = Json.tree(arguments.asText());
            } catch (StepGymException e) {
                return Parsed.failed("the arguments of tool call '" + name + "' are not valid JSON (" + e.getMessage() + ")", raw);
            }
        } else {
            object = arguments; // some servers send the object itself rather than a string
        }
        if (!object.isObject()) {
            return Parsed.failed("the arguments of tool call '" + name + "' must be a JSON object, got " + object.getNodeType(), raw);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.mapper().convertValue(object, LinkedHashMap.class);
        return Parsed.of(Action.tool(name, map), raw);
    }

    private static Parsed nonBlank(String action, String error, String content) {
        return action.isEmpty() ? Parsed.failed(error, content) : Parsed.of(Action.text(action), content);
    }

    /** {@code `search[x]`} → {@code search[x]}. */
    private static String unquote(String line) {
        if (line.length() >= 2 && line.startsWith("`") && line.endsWith("`") && !line.startsWith("```")) {
            return line.substring(1, line.length() - 1).strip();
        }
        return line;
    }
}
