package dev.stepgym.protocol.server.openenv;

import dev.stepgym.protocol.EnvSpec;
import dev.stepgym.protocol.ToolSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bodies of {@code GET /openenv/{env}/schema} and {@code /metadata}, in the shapes of OpenEnv's
 * {@code SchemaResponse} and {@code EnvironmentMetadata} (both forbid extra keys, so none is added),
 * built from the environment's {@link EnvSpec}.
 */
final class OpenEnvDescriptions {
    private OpenEnvDescriptions() {
    }

    /** {@code {"status":"healthy"}}, OpenEnv's {@code HealthResponse}. */
    static Map<String, Object> health() {
        return Map.of("status", "healthy");
    }

    /** {@code {"name","description","readme_content","version","author","documentation_url"}}. */
    static Map<String, Object> metadata(EnvSpec spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", spec.id());
        metadata.put("description", spec.description());
        metadata.put("readme_content", null);
        metadata.put("version", spec.id().substring(spec.id().lastIndexOf("-v") + 1));
        metadata.put("author", null);
        metadata.put("documentation_url", null);
        return metadata;
    }

    /** {@code {"action","observation","state"}}: JSON schemas of what a step sends and what comes back. */
    static Map<String, Object> schema(EnvSpec spec) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("action", action(spec));
        schema.put("observation", observation());
        schema.put("state", state());
        return schema;
    }

    private static Map<String, Object> action(EnvSpec spec) {
        List<Object> forms = new ArrayList<>();
        forms.add(object("TextAction", "A text action, as the environment's description and available_actions show it",
                properties("text", Map.of("type", "string", "description", "the action as text")), List.of("text")));
        for (ToolSpec tool : spec.tools()) {
            Map<String, Object> properties = properties("tool", Map.of("const", tool.name(), "description", tool.description()));
            properties.put("arguments", tool.parameters());
            forms.add(object("ToolCall_" + tool.name(), tool.description(), properties, List.of("tool")));
        }
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("title", "StepGymAction");
        action.put("description", "The data of a step message for " + spec.id() + ": {\"text\": …} or {\"tool\": name, \"arguments\": {…}}"
                + " (preferred form: " + spec.actionFormat() + ")");
        action.put("anyOf", forms);
        return action;
    }

    private static Map<String, Object> observation() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("text", Map.of("type", "string", "description", "the observation as text, ready for a prompt"));
        properties.put("available_actions", Map.of("type", "array", "items", Map.of("type", "string")));
        properties.put("data", Map.of("type", "object", "description", "structured, environment-specific content"));
        properties.put("last_action_error", Map.of("type", "string", "description", "why the last action failed; absent when it was fine"));
        Map<String, Object> metadata = properties("episode_id", Map.of("type", "string"));
        metadata.put("step", Map.of("type", "integer"));
        metadata.put("terminated", Map.of("type", "boolean"));
        metadata.put("truncated", Map.of("type", "boolean"));
        metadata.put("rewards", Map.of("type", "array", "description", "the step's typed reward components",
                "items", object("RewardComponent", null, rewardProperties(), List.of("name", "value", "weight", "source", "kind"))));
        metadata.put("state_hash", Map.of("type", "string"));
        metadata.put("info", Map.of("type", "object"));
        metadata.put("lease_seconds", Map.of("type", "integer", "description", "after a reset only"));
        properties.put("metadata", object("StepGymMetadata", "StepGym's own fields, which OpenEnv's frame has no slot for", metadata,
                List.of("episode_id", "step", "terminated", "truncated", "rewards", "state_hash", "info")));
        return object("StepGymObservation", null, properties, List.of("text", "available_actions", "data", "metadata"));
    }

    private static Map<String, Object> rewardProperties() {
        Map<String, Object> properties = properties("name", Map.of("type", "string"));
        properties.put("value", Map.of("type", "number"));
        properties.put("weight", Map.of("type", "number"));
        properties.put("source", Map.of("type", "string"));
        properties.put("kind", Map.of("enum", List.of("step", "outcome", "penalty", "shaping")));
        return properties;
    }

    private static Map<String, Object> state() {
        Map<String, Object> properties = properties("episode_id", Map.of("type", List.of("string", "null"),
                "description", "the episode_id the reset gave, else StepGym's id; null before the first reset"));
        properties.put("step_count", Map.of("type", "integer", "minimum", 0));
        properties.put("env", Map.of("type", "string"));
        properties.put("stepgym_episode_id", Map.of("type", "string", "description", "the id of the episode's trajectory record"));
        properties.put("task", Map.of("type", List.of("string", "null")));
        properties.put("seed", Map.of("type", "integer"));
        properties.put("state_hash", Map.of("type", "string"));
        properties.put("terminated", Map.of("type", "boolean"));
        properties.put("truncated", Map.of("type", "boolean"));
        Map<String, Object> state = object("StepGymState", null, properties, List.of("episode_id", "step_count"));
        state.put("additionalProperties", true);
        return state;
    }

    private static Map<String, Object> properties(String first, Object schema) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put(first, schema);
        return properties;
    }

    private static Map<String, Object> object(String title, String description, Map<String, Object> properties, List<String> required) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("title", title);
        if (description != null) {
            object.put("description", description);
        }
        object.put("type", "object");
        object.put("properties", properties);
        object.put("required", required);
        return object;
    }
}
