package dev.stepgym.protocol.server.openenv;

import dev.stepgym.protocol.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The frames the server sends, exactly as OpenEnv's {@code HTTPEnvServer} does: {@code {"type","data"}}
 * with no other key.
 */
final class Frames {
    private Frames() {
    }

    /** The frame's two keys, in OpenEnv's order. */
    record Frame(String type, Object data) {
    }

    /** One entry of a {@code VALIDATION_ERROR}'s {@code errors}, shaped like pydantic's error dicts. */
    record FieldError(String type, List<Object> loc, String msg) {
    }

    /** The answer to a reset or a step: {@code {"observation":{…},"reward":r|null,"done":d}}. */
    static String observation(Map<String, Object> observation, Double reward, boolean done) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("observation", observation);
        data.put("reward", reward);
        data.put("done", done);
        return Json.write(new Frame("observation", data));
    }

    static String state(Map<String, Object> state) {
        return Json.write(new Frame("state", state));
    }

    /** {@code {"type":"error","data":{"message","code",…extra}}}. */
    static String error(WsErrorCode code, String message, Map<String, Object> extra) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("message", message);
        data.put("code", code.name());
        data.putAll(extra);
        return Json.write(new Frame("error", data));
    }

    static String error(WsErrorCode code, String message) {
        return error(code, message, Map.of());
    }

    /** A {@code VALIDATION_ERROR} listing what was wrong, field by field. */
    static String invalid(String message, List<FieldError> errors) {
        return error(WsErrorCode.VALIDATION_ERROR, message, Map.of("errors", errors));
    }

    /** The answer to an {@code mcp} message: a JSON-RPC 2.0 error, since no MCP is served here. */
    static String mcpUnsupported(Object requestId) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", -32601);
        error.put("message", "Method not found: StepGym's OpenEnv route serves no MCP; send a step with"
                + " {\"tool\": name, \"arguments\": {…}} instead (docs/openenv.md)");
        Map<String, Object> rpc = new LinkedHashMap<>();
        rpc.put("jsonrpc", "2.0");
        rpc.put("id", requestId);
        rpc.put("error", error);
        return Json.write(new Frame("mcp", rpc));
    }
}
