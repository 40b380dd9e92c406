package dev.stepgym.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import dev.stepgym.protocol.Action;

import java.io.IOException;
import java.util.Map;

/** Actions travel as a JSON string (text) or {@code {"tool":…,"arguments":{…}}} (tool call). */
public final class ActionCodec {
    private ActionCodec() {
    }

    public static final class Serializer extends JsonSerializer<Action> {
        @Override
        public void serialize(Action action, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (action.isText()) {
                gen.writeString(action.text());
                return;
            }
            gen.writeStartObject();
            gen.writeStringField("tool", action.tool());
            gen.writeFieldName("arguments");
            serializers.defaultSerializeValue(action.arguments(), gen);
            gen.writeEndObject();
        }
    }

    public static final class Deserializer extends JsonDeserializer<Action> {
        @Override
        @SuppressWarnings("unchecked")
        public Action deserialize(JsonParser parser, DeserializationContext ctxt) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node.isTextual()) {
                return Action.text(node.asText());
            }
            if (node.isObject() && node.path("tool").isTextual()) {
                JsonNode args = node.path("arguments");
                if (!args.isMissingNode() && !args.isNull() && !args.isObject()) {
                    throw InvalidFormatException.from(parser, "action \"arguments\" must be a JSON object", node, Action.class);
                }
                Map<String, Object> arguments = args.isObject()
                        ? parser.getCodec().treeToValue(args, Map.class)
                        : Map.of();
                return Action.tool(node.get("tool").asText(), arguments);
            }
            throw InvalidFormatException.from(parser,
                    "an action is a string or {\"tool\": name, \"arguments\": {...}}", node, Action.class);
        }
    }
}
