package dev.stepgym.protocol.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.json.Json;

import java.util.List;
import java.util.Map;

/**
 * The WebSocket ops over an {@link EpisodeManager}: one frame in, one reply frame out. Blocking
 * (it runs environment code), so the server calls it on a worker. Results have the same JSON as
 * the HTTP answers.
 */
public final class Operations {
    /** The protocol's name and version, as {@code GET /v1/health} reports it. */
    public static final String VERSION = "1.0";

    private final EpisodeManager manager;

    public Operations(EpisodeManager manager) {
        this.manager = manager;
    }

    /** {@code {"status":"ok","version":…}}. */
    public static Map<String, Object> health() {
        return Map.of("status", "ok", "version", VERSION, "protocol", "v1");
    }

    /** {@code {"envs":[…]}}. */
    public Map<String, Object> envs() {
        return Map.of("envs", manager.envs());
    }

    /** Answers one frame; never throws (every failure is an error reply). */
    public String handleFrame(String frame) {
        JsonNode id = NullNode.getInstance();
        try {
            JsonNode request = RequestDecoder.object(frame);
            JsonNode idNode = request.get("id");
            if (idNode != null && (idNode.isTextual() || idNode.isNumber())) {
                id = idNode;
            }
            return Json.write(new Reply(id, true, dispatch(request)));
        } catch (Throwable e) {
            return errorReply(id, ErrorMapping.detail(e));
        }
    }

    /** The reply for a frame that could not be read at all (too large). */
    public static String errorReply(JsonNode id, ErrorBody.Detail error) {
        return Json.write(new ErrorReply(id == null ? NullNode.getInstance() : id, false, error));
    }

    /**
     * The {@code id} of a frame that is refused without being handled (a shutdown, a full socket),
     * read with a streaming parser that skips every other field; null when there is none.
     */
    public static JsonNode peekId(String frame) {
        try (JsonParser parser = Json.mapper().getFactory().createParser(frame)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return NullNode.getInstance();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("id".equals(name) && (value == JsonToken.VALUE_STRING || value.isNumeric())) {
                    return Json.mapper().readTree(parser);
                }
                parser.skipChildren();
            }
        } catch (java.io.IOException | RuntimeException e) {
            // unreadable: the reply goes without an id
        }
        return NullNode.getInstance();
    }

    private Object dispatch(JsonNode request) {
        JsonNode opNode = request.get("op");
        if (opNode == null || !opNode.isTextual()) {
            throw new StepGymException(ErrorCode.BAD_REQUEST, "\"op\" is required: one of " + OPS);
        }
        return switch (opNode.textValue()) {
            case "reset" -> manager.reset(RequestDecoder.reset(request));
            case "step" -> manager.step(RequestDecoder.requiredString(request, "episode_id"), RequestDecoder.action(request));
            case "fork" -> manager.fork(RequestDecoder.requiredString(request, "episode_id"));
            case "close" -> manager.close(RequestDecoder.requiredString(request, "episode_id"));
            case "trajectory" -> manager.trajectory(RequestDecoder.requiredString(request, "episode_id"));
            case "batch_step" -> manager.batchStep(RequestDecoder.batch(request));
            case "envs" -> envs();
            case "health" -> health();
            default -> throw new StepGymException(ErrorCode.UNKNOWN_OP, "unknown op '" + opNode.textValue() + "'; ops: " + OPS);
        };
    }

    private static final List<String> OPS = List.of("reset", "step", "fork", "close", "batch_step", "trajectory", "envs", "health");

    /** {@code {"id","ok":true,"result"}}. */
    record Reply(JsonNode id, boolean ok, Object result) {
    }

    /** {@code {"id","ok":false,"error":{"code","message"}}}. */
    record ErrorReply(JsonNode id, boolean ok, ErrorBody.Detail error) {
    }
}
