package dev.stepgym.protocol.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads request bodies and WebSocket frames into calls, checking every field's presence and type so
 * a client learns exactly what was wrong ({@code "seed" must be an integer}, not a stack trace).
 * Shared by the HTTP routes and the WebSocket ops so both accept exactly the same JSON.
 */
public final class RequestDecoder {
    private RequestDecoder() {
    }

    /** Parses a body that must be a JSON object. */
    public static JsonNode object(String body) {
        if (body == null || body.isBlank()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "empty body: a JSON object was expected");
        }
        JsonNode node = Json.tree(body);
        if (!node.isObject()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "a JSON object was expected, got " + node.getNodeType().name().toLowerCase());
        }
        return node;
    }

    /** {@code {"env", "task"?, "seed"?, "options"?}}. */
    @SuppressWarnings("unchecked")
    public static ResetCall reset(JsonNode body) {
        String env = requiredString(body, "env");
        String task = optionalString(body, "task");
        Long seed = null;
        JsonNode seedNode = body.get("seed");
        if (seedNode != null && !seedNode.isNull()) {
            if (!seedNode.isIntegralNumber() || !seedNode.canConvertToLong()) {
                throw new StepGymException(ErrorCode.BAD_REQUEST, "\"seed\" must be an integer, got " + seedNode);
            }
            seed = seedNode.longValue();
        }
        Map<String, Object> options = Map.of();
        JsonNode optionsNode = body.get("options");
        if (optionsNode != null && !optionsNode.isNull()) {
            if (!optionsNode.isObject()) {
                throw new StepGymException(ErrorCode.BAD_REQUEST, "\"options\" must be a JSON object, got " + optionsNode.getNodeType().name().toLowerCase());
            }
            options = Json.convert(optionsNode, Map.class);
        }
        return new ResetCall(env, task, seed, options);
    }

    /** The {@code "action"} field: a string or {@code {"tool","arguments"}}. */
    public static Action action(JsonNode body) {
        JsonNode node = body.get("action");
        if (node == null || node.isNull()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "\"action\" is required: a string or {\"tool\": name, \"arguments\": {...}}");
        }
        if (!node.isTextual() && !node.isObject()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST,
                    "\"action\" must be a string or {\"tool\": name, \"arguments\": {...}}, got " + node.getNodeType().name().toLowerCase());
        }
        return Json.convert(node, Action.class);
    }

    /** {@code {"steps":[{"episode_id","action"},…]}}. */
    public static List<BatchStep> batch(JsonNode body) {
        JsonNode steps = body.get("steps");
        if (steps == null || !steps.isArray()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "\"steps\" must be an array of {\"episode_id\", \"action\"}");
        }
        List<BatchStep> result = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            JsonNode entry = steps.get(i);
            if (!entry.isObject()) {
                throw new StepGymException(ErrorCode.BAD_REQUEST, "steps[" + i + "] must be an object {\"episode_id\", \"action\"}");
            }
            try {
                result.add(new BatchStep(requiredString(entry, "episode_id"), action(entry)));
            } catch (StepGymException e) {
                throw new StepGymException(e.code(), "steps[" + i + "]: " + e.getMessage(), e);
            }
        }
        return result;
    }

    public static String requiredString(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "\"" + field + "\" is required");
        }
        if (!node.isTextual()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "\"" + field + "\" must be a string, got " + node.getNodeType().name().toLowerCase());
        }
        return node.textValue();
    }

    private static String optionalString(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || node.isNull() ? null : requiredString(body, field);
    }
}
