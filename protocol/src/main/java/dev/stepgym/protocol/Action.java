package dev.stepgym.protocol;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.stepgym.protocol.json.ActionCodec;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An agent's action: either free text ({@code "search[red shoes]"}) or a tool call
 * ({@code {"tool":"search","arguments":{"query":"red shoes"}}}). On the wire a text action is a JSON
 * string and a tool call a JSON object.
 *
 * @param text      the text form, or null for a tool call
 * @param tool      the tool name, or null for a text action
 * @param arguments the tool arguments (sorted by key so hashing is stable), empty for text
 */
@JsonSerialize(using = ActionCodec.Serializer.class)
@JsonDeserialize(using = ActionCodec.Deserializer.class)
public record Action(String text, String tool, Map<String, Object> arguments) {
    public Action {
        if ((text == null) == (tool == null)) {
            throw new IllegalArgumentException("an action is either text or a tool call");
        }
        arguments = arguments == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(arguments));
    }

    public static Action text(String text) {
        return new Action(Objects.requireNonNull(text, "text"), null, Map.of());
    }

    public static Action tool(String tool, Map<String, Object> arguments) {
        return new Action(null, Objects.requireNonNull(tool, "tool"), arguments);
    }

    public boolean isText() {
        return text != null;
    }

    /** A short human-readable rendering for tables and logs. */
    public String describe() {
        return isText() ? text : tool + arguments;
    }
}
