package dev.stepgym.protocol;

import java.util.Map;

/**
 * A tool an environment accepts, described as a JSON schema in the shape OpenAI-compatible chat
 * templates expect for {@code function.parameters}.
 *
 * @param name        the tool name used in {@code {"tool": name, "arguments": {...}}}
 * @param description what the tool does, for the model
 * @param parameters  JSON schema of the arguments object
 */
public record ToolSpec(String name, String description, Map<String, Object> parameters) {

    /** A tool taking a single required string argument. */
    public static ToolSpec withStringArgument(String name, String description, String argument, String argumentDescription) {
        return new ToolSpec(name, description, Map.of(
                "type", "object",
                "properties", Map.of(argument, Map.of("type", "string", "description", argumentDescription)),
                "required", java.util.List.of(argument)));
    }
}
