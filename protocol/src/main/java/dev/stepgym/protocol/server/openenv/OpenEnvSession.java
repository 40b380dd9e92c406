package dev.stepgym.protocol.server.openenv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.Observation;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepGymException;
import dev.stepgym.protocol.StepResult;
import dev.stepgym.protocol.json.Json;
import dev.stepgym.protocol.server.EpisodeManager;
import dev.stepgym.protocol.server.ErrorMapping;
import dev.stepgym.protocol.server.RequestDecoder;
import dev.stepgym.protocol.server.ResetCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One OpenEnv socket's conversation with one environment: at most one StepGym episode at a time,
 * opened by {@code reset} (closing the one before), stepped by {@code step}, closed by
 * {@code close} or when the socket goes. Every message gets exactly one answer frame, except
 * {@code close}. Blocking (it runs environment code): called on a worker, one message at a time.
 */
final class OpenEnvSession {
    private static final Logger LOG = LoggerFactory.getLogger(OpenEnvSession.class);
    private static final Set<String> MESSAGE_KEYS = Set.of("type", "data");
    private static final Set<String> ACTION_KEYS = Set.of("text", "tool", "arguments", "metadata");
    private static final String TYPES = "reset, step, state, close, mcp";
    private static final int MAX_EPISODE_ID_LENGTH = 255;
    private static final String ACTION_SHAPE = "a step's data is {\"text\": \"…\"} or {\"tool\": name, \"arguments\": {…}}";

    private final String envId;
    private final EpisodeManager manager;
    // The episode on this socket; null before the first reset and after a close.
    private String episodeId;
    private String clientEpisodeId;
    private Object task;
    private Object seed;
    private int steps;
    private String stateHash;
    private boolean terminated;
    private boolean truncated;

    /** What to send back, and whether to close the socket after it (the frame may be null). */
    record Answer(String frame, boolean closeSocket) {
        static Answer reply(String frame) {
            return new Answer(frame, false);
        }
    }

    OpenEnvSession(String envId, EpisodeManager manager) {
        this.envId = envId;
        this.manager = manager;
    }

    String envId() {
        return envId;
    }

    /**
     * Called once when the socket is accepted, before any message. As OpenEnv does when its factory
     * fails, an unknown environment gets a {@code FACTORY_ERROR} frame and the socket is closed.
     */
    synchronized Answer open() {
        List<String> ids = manager.envs().stream().map(EnvSpec::id).toList();
        if (ids.contains(envId)) {
            return null;
        }
        return new Answer(Frames.error(WsErrorCode.FACTORY_ERROR, "unknown environment '" + envId + "'; registered: " + ids
                + " (connect to /openenv/{env-id}/ws)", Map.of("factory_name", envId, "stepgym_code", ErrorCode.UNKNOWN_ENV.name())), true);
    }

    /** Answers one message; never throws. */
    synchronized Answer handle(String text) {
        JsonNode message;
        try {
            message = Json.tree(text);
        } catch (StepGymException e) {
            return Answer.reply(Frames.error(WsErrorCode.INVALID_JSON, "Invalid JSON: " + e.getMessage()));
        }
        if (!message.isObject()) {
            return Answer.reply(Frames.error(WsErrorCode.INVALID_JSON, "a message is a JSON object {\"type\": …, \"data\": {…}}, got "
                    + message.getNodeType().name().toLowerCase()));
        }
        JsonNode typeNode = message.get("type");
        String type = typeNode != null && typeNode.isTextual() ? typeNode.textValue() : "";
        try {
            return switch (type) {
                case "reset" -> Answer.reply(reset(data(message, false)));
                case "step" -> Answer.reply(step(data(message, true)));
                case "state" -> Answer.reply(state(message));
                case "close" -> {
                    onlyKnownKeys(message);
                    closeEpisode();
                    yield new Answer(null, true);
                }
                case "mcp" -> Answer.reply(Frames.mcpUnsupported(requestId(message)));
                default -> Answer.reply(Frames.error(WsErrorCode.UNKNOWN_TYPE, "Unknown message type: " + (typeNode == null ? "" : typeNode)
                        + "; types: " + TYPES));
            };
        } catch (InvalidMessage e) {
            return Answer.reply(Frames.invalid(e.getMessage(), e.errors));
        } catch (RuntimeException e) {
            return Answer.reply(failure(e));
        }
    }

    /** Closes this socket's episode, if it has one (its end line is written with reason {@code closed}). */
    synchronized void closeEpisode() {
        if (episodeId == null) {
            return;
        }
        String id = episodeId;
        episodeId = null;
        try {
            manager.close(id);
        } catch (RuntimeException e) {
            // Expired or closed at shutdown meanwhile: its end line is written already.
            LOG.debug("closing OpenEnv episode {}: {}", id, e.toString());
        }
    }

    private String reset(ObjectNode data) {
        ObjectNode call = Json.mapper().createObjectNode();
        call.put("env", envId);
        List<String> ignored = new ArrayList<>();
        String alias = null;
        for (Iterator<Map.Entry<String, JsonNode>> fields = data.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            switch (field.getKey()) {
                case "task", "seed", "options" -> call.set(field.getKey(), field.getValue());
                case "episode_id" -> alias = episodeAlias(field.getValue());
                // OpenEnv drops reset kwargs the environment does not take (TRL passes every dataset column).
                default -> ignored.add(field.getKey());
            }
        }
        ResetCall resetCall;
        try {
            resetCall = RequestDecoder.reset(call);
        } catch (StepGymException e) {
            throw new InvalidMessage(e.getMessage(), List.of(new Frames.FieldError("value_error", List.of("data"), e.getMessage())));
        }
        closeEpisode();
        ResetResult result = manager.reset(resetCall);
        episodeId = result.episodeId();
        clientEpisodeId = alias;
        task = result.info().get("task");
        seed = result.info().get("seed");
        steps = 0;
        stateHash = result.stateHash();
        terminated = false;
        truncated = false;
        Map<String, Object> metadata = metadata(List.of(), result.info());
        metadata.put("lease_seconds", result.leaseSeconds());
        if (!ignored.isEmpty()) {
            metadata.put("ignored_reset_keys", ignored);
        }
        return Frames.observation(observation(result.observation(), metadata), null, false);
    }

    private String step(ObjectNode data) {
        Action action = action(data);
        if (episodeId == null) {
            throw new StepGymException(ErrorCode.EPISODE_NOT_FOUND, "no episode on this socket: send {\"type\": \"reset\"} first");
        }
        StepResult result = manager.step(episodeId, action);
        steps = result.step();
        stateHash = result.stateHash();
        terminated = result.terminated();
        truncated = result.truncated();
        Map<String, Object> metadata = metadata(result.rewards(), result.info());
        return Frames.observation(observation(result.observation(), metadata), result.reward(), result.done());
    }

    private String state(JsonNode message) {
        onlyKnownKeys(message);
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("episode_id", clientEpisodeId != null ? clientEpisodeId : episodeId);
        state.put("step_count", episodeId == null ? 0 : steps);
        state.put("env", envId);
        if (episodeId != null) {
            state.put("stepgym_episode_id", episodeId);
            state.put("task", task);
            state.put("seed", seed);
            state.put("state_hash", stateHash);
            state.put("terminated", terminated);
            state.put("truncated", truncated);
        }
        return Frames.state(state);
    }

    /** StepGym's extras, kept in OpenEnv's {@code Observation.metadata} slot. */
    private Map<String, Object> metadata(List<?> rewards, Map<String, Object> info) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("episode_id", episodeId);
        metadata.put("step", steps);
        metadata.put("terminated", terminated);
        metadata.put("truncated", truncated);
        metadata.put("rewards", rewards);
        metadata.put("state_hash", stateHash);
        metadata.put("info", info);
        return metadata;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> observation(Observation observation, Map<String, Object> metadata) {
        Map<String, Object> fields = new LinkedHashMap<>(Json.mapper().convertValue(observation, Map.class));
        fields.put("metadata", metadata);
        return fields;
    }

    /** The step's data as a StepGym action: {@code {"text"}} or {@code {"tool","arguments"}}. */
    private static Action action(ObjectNode data) {
        List<Frames.FieldError> errors = new ArrayList<>();
        data.fieldNames().forEachRemaining(name -> {
            if (!ACTION_KEYS.contains(name)) {
                errors.add(new Frames.FieldError("extra_forbidden", List.of(name), "Extra inputs are not permitted: " + ACTION_SHAPE));
            }
        });
        JsonNode text = data.get("text");
        JsonNode tool = data.get("tool");
        JsonNode arguments = data.get("arguments");
        boolean hasText = text != null && !text.isNull();
        boolean hasTool = tool != null && !tool.isNull();
        if (hasText && !text.isTextual()) {
            errors.add(new Frames.FieldError("string_type", List.of("text"), "Input should be a valid string"));
        }
        if (hasTool && !tool.isTextual()) {
            errors.add(new Frames.FieldError("string_type", List.of("tool"), "Input should be a valid string"));
        }
        if (arguments != null && !arguments.isNull() && !arguments.isObject()) {
            errors.add(new Frames.FieldError("dict_type", List.of("arguments"), "Input should be a valid dictionary"));
        }
        if (hasText && (hasTool || arguments != null)) {
            errors.add(new Frames.FieldError("value_error", List.of(), "give either \"text\" or \"tool\" with \"arguments\", not both"));
        }
        if (!hasText && !hasTool) {
            errors.add(new Frames.FieldError("missing", List.of("text"), "Field required: " + ACTION_SHAPE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidMessage("Invalid message", errors);
        }
        if (hasText) {
            return Action.text(text.textValue());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> args = arguments == null || arguments.isNull() ? Map.of() : Json.convert(arguments, Map.class);
        return Action.tool(tool.textValue(), args);
    }

    /** {@code data} of a reset (optional, {@code {}} by default) or a step (required), checked to be an object. */
    private static ObjectNode data(JsonNode message, boolean required) {
        onlyKnownKeys(message);
        JsonNode data = message.get("data");
        if (data == null || data.isNull()) {
            if (required) {
                throw new InvalidMessage("Invalid message", List.of(new Frames.FieldError("missing", List.of("data"),
                        "Field required: " + ACTION_SHAPE)));
            }
            return Json.mapper().createObjectNode();
        }
        if (!data.isObject()) {
            throw new InvalidMessage("Invalid message", List.of(new Frames.FieldError("dict_type", List.of("data"),
                    "Input should be a valid dictionary")));
        }
        return (ObjectNode) data;
    }

    /** OpenEnv's messages forbid extra keys: {@code {"type","data"}} and nothing else (no {@code id}). */
    private static void onlyKnownKeys(JsonNode message) {
        List<Frames.FieldError> errors = new ArrayList<>();
        message.fieldNames().forEachRemaining(name -> {
            if (!MESSAGE_KEYS.contains(name)) {
                errors.add(new Frames.FieldError("extra_forbidden", List.of(name), "Extra inputs are not permitted"));
            }
        });
        if (!errors.isEmpty()) {
            throw new InvalidMessage("Invalid message", errors);
        }
    }

    /** The JSON-RPC id of an {@code mcp} message, or null. */
    private static Object requestId(JsonNode message) {
        JsonNode id = message.path("data").path("id");
        return id.isTextual() ? id.textValue() : id.isNumber() ? id.numberValue() : null;
    }

    private static String episodeAlias(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().length() > MAX_EPISODE_ID_LENGTH) {
            throw new InvalidMessage("Invalid message", List.of(new Frames.FieldError("string_type", List.of("data", "episode_id"),
                    "episode_id must be a string of at most " + MAX_EPISODE_ID_LENGTH + " characters")));
        }
        return value.textValue();
    }

    /** A StepGym error as an OpenEnv error frame, its own code kept as {@code stepgym_code}. */
    private String failure(Throwable failure) {
        ErrorBody.Detail detail = ErrorMapping.detail(failure);
        WsErrorCode code = WsErrorCode.of(detail.code());
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("stepgym_code", detail.code().name());
        if (code == WsErrorCode.CAPACITY_REACHED) {
            extra.put("active_sessions", manager.openEpisodes(envId));
            extra.put("max_sessions", manager.config().capacity(envId));
            extra.put("retry_after_seconds", detail.retryAfterSeconds());
        }
        if (code == WsErrorCode.VALIDATION_ERROR) {
            extra.put("errors", List.of(new Frames.FieldError("value_error", List.of("data"), detail.message())));
        }
        if (code == WsErrorCode.FACTORY_ERROR) {
            extra.put("factory_name", envId);
        }
        return Frames.error(code, detail.message(), extra);
    }

    /** A message that does not have OpenEnv's shape, with pydantic-like details. */
    private static final class InvalidMessage extends RuntimeException {
        private final transient List<Frames.FieldError> errors;

        InvalidMessage(String message, List<Frames.FieldError> errors) {
            super(message, null, false, false);
            this.errors = errors;
        }
    }
}
