package dev.stepgym.agents.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.json.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request bodies and reply decoding shared by the HTTP and WebSocket transports, so both read the
 * wire exactly the same way.
 */
final class Wire {
    private Wire() {
    }

    static ObjectNode object() {
        return Json.mapper().createObjectNode();
    }

    static ObjectNode resetBody(ResetParams params) {
        ObjectNode body = object();
        body.put("env", params.env());
        if (params.task() != null) {
            body.put("task", params.task());
        }
        if (params.seed() != null) {
            body.put("seed", params.seed());
        }
        if (!params.options().isEmpty()) {
            body.set("options", Json.toTree(params.options()));
        }
        return body;
    }

    static ObjectNode stepBody(dev.stepgym.protocol.Action action) {
        ObjectNode body = object();
        body.set("action", Json.toTree(action));
        return body;
    }

    static ObjectNode batchBody(List<BatchStep> steps) {
        ObjectNode body = object();
        ArrayNode entries = body.putArray("steps");
        for (BatchStep step : steps) {
            ObjectNode entry = entries.addObject();
            entry.put("episode_id", step.episodeId());
            entry.set("action", Json.toTree(step.action()));
        }
        return body;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> health(JsonNode reply) {
        return Json.convert(requireObject(reply, "health"), Map.class);
    }

    static List<EnvSpec> envs(JsonNode reply) {
        JsonNode envs = requireObject(reply, "envs").path("envs");
        if (!envs.isArray()) {
            throw badReply("envs reply has no \"envs\" array: " + abbreviate(reply));
        }
        List<EnvSpec> specs = new ArrayList<>();
        for (JsonNode env : envs) {
            specs.add(Json.convert(env, EnvSpec.class));
        }
        return List.copyOf(specs);
    }

    static ResetResult reset(JsonNode reply) {
        ResetResult result = Json.convert(requireObject(reply, "reset"), ResetResult.class);
        if (result.episodeId() == null || result.observation() == null) {
            throw badReply("reset reply lacks episode_id or observation: " + abbreviate(reply));
        }
        return result;
    }

    static StepResult step(JsonNode reply) {
        StepResult result = Json.convert(requireObject(reply, "step"), StepResult.class);
        if (result.observation() == null) {
            throw badReply("step reply lacks an observation: " + abbreviate(reply));
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static EpisodeClosed closed(JsonNode reply) {
        requireObject(reply, "close");
        JsonNode outcome = reply.path("outcome");
        Map<String, Object> outcomeMap;
        if (outcome.isObject()) {
            outcomeMap = Json.convert(outcome, Map.class);
        } else if (outcome.isMissingNode() || outcome.isNull()) {
            outcomeMap = Map.of();
        } else {
            // Not the documented shape, but keep it rather than lose it.
            outcomeMap = Map.of("value", Json.convert(outcome, Object.class));
        }
        return new EpisodeClosed(reply.path("episode_id").asText(null), reply.path("steps").asInt(0),
                reply.path("return").asDouble(0.0), outcomeMap);
    }

    static List<BatchStepResult> batch(JsonNode reply, int expected) {
        JsonNode results = requireObject(reply, "batch_step").path("results");
        if (!results.isArray() || results.size() != expected) {
            throw badReply("batch reply must hold " + expected + " results: " + abbreviate(reply));
        }
        List<BatchStepResult> out = new ArrayList<>(expected);
        for (JsonNode entry : results) {
            if (entry.has("error")) {
                out.add(new BatchStepResult(null, error(entry.get("error"), 0, null)));
            } else {
                out.add(new BatchStepResult(step(entry), null));
            }
        }
        return List.copyOf(out);
    }

    /**
     * The exception for an error reply's {@code error} object.
     *
     * @param httpStatus        the HTTP status, or 0 on the WebSocket
     * @param retryAfterHeader  the Retry-After header in seconds, or null
     */
    static StepGymClientException error(JsonNode error, int httpStatus, Integer retryAfterHeader) {
        if (error == null || !error.isObject()) {
            return StepGymClientException.server(statusCode(httpStatus), httpStatus, retryAfterHeader,
                    "error reply without an error object: " + abbreviate(error));
        }
        String code = error.path("code").isTextual() ? error.get("code").asText() : statusCode(httpStatus);
        String message = error.path("message").asText("(no message)");
        Integer retryAfter = error.path("retry_after_seconds").canConvertToInt()
                ? Integer.valueOf(error.get("retry_after_seconds").asInt()) : retryAfterHeader;
        return StepGymClientException.server(code, httpStatus, retryAfter, message);
    }

    /** A plausible code for an error status whose body is not an error object (a proxy page, say). */
    static String statusCode(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> "BAD_REQUEST";
            case 404 -> "NOT_FOUND";
            case 409 -> "EPISODE_DONE";
            case 413 -> "TOO_LARGE";
            case 429 -> "CAPACITY";
            default -> "INTERNAL";
        };
    }

    static StepGymClientException badReply(String message) {
        return StepGymClientException.local(StepGymClientException.Origin.BAD_REPLY, message, null);
    }

    private static JsonNode requireObject(JsonNode reply, String what) {
        if (reply == null || !reply.isObject()) {
            throw badReply(what + " reply is not a JSON object: " + abbreviate(reply));
        }
        return reply;
    }

    static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
