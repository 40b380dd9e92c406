package dev.stepgym.envs.code;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.json.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed code-v1 action: a tool name and its arguments. Tool calls are the main form; text
 * actions are understood as {@code tool{"json": "arguments"}} or, for tools with one main argument,
 * {@code tool[argument]} (e.g. {@code read_file[pkg/mod.py]}, {@code run_tests[]}). An
 * {@code edit} or {@code write_file} in text may put its new text in a fenced block after the call:
 * <pre>
 * edit[py://pkg/mod.py#area]
 * ```python
 * def area(r: float) -> float: ...
 * ```
 * </pre>
 *
 * @param tool      one of {@link CodeTools#NAMES}
 * @param arguments the arguments, by name
 */
record CodeAction(String tool, Map<String, Object> arguments) {
    /** Whole-action cap: a larger edit is refused before it is parsed further. */
    static final int MAX_ACTION_CHARS = 1 << 20;

    private static final Pattern JSON_FORM = Pattern.compile("(?s)^\\s*([a-z_]+)\\s*(\\{.*})\\s*$");
    private static final Pattern BRACKET_FORM = Pattern.compile("(?s)^\\s*([a-z_]+)\\s*\\[([^\\n]*)]\\s*(?:\\n```[^\\n]*\\n(.*?)\\n?```\\s*)?$");

    /** An action, or why there is none. */
    record Parsed(CodeAction action, String error) {
        static Parsed ok(CodeAction action) {
            return new Parsed(action, null);
        }

        static Parsed error(String error) {
            return new Parsed(null, error);
        }
    }

    static Parsed parse(Action action) {
        if (action == null) {
            return Parsed.error("no action given; tools: " + CodeTools.NAMES);
        }
        if (action.isText()) {
            return parseText(action.text());
        }
        return check(action.tool().strip().toLowerCase(Locale.ROOT), action.arguments());
    }

    private static Parsed parseText(String text) {
        if (text.length() > MAX_ACTION_CHARS) {
            return Parsed.error("action longer than " + MAX_ACTION_CHARS + " characters");
        }
        Matcher json = JSON_FORM.matcher(text);
        if (json.matches()) {
            Map<String, Object> arguments;
            try {
                arguments = Json.mapper().readValue(json.group(2), Json.mapper().getTypeFactory()
                        .constructMapType(LinkedHashMap.class, String.class, Object.class));
            } catch (Exception e) {
                return Parsed.error("the arguments of " + json.group(1) + " are not a JSON object: " + firstLine(e.getMessage()));
            }
            return check(json.group(1), arguments);
        }
        Matcher bracket = BRACKET_FORM.matcher(text);
        if (!bracket.matches()) {
            return Parsed.error("cannot parse action '" + abbreviate(text.strip()) + "': expected a tool call, tool{json} or tool[argument]; tools: "
                    + CodeTools.NAMES);
        }
        String tool = bracket.group(1);
        String main = CodeTools.mainArgument(tool);
        Map<String, Object> arguments = new LinkedHashMap<>();
        String argument = bracket.group(2).strip();
        if (main == null && !argument.isEmpty()) {
            return Parsed.error(tool + " takes its arguments as JSON: " + tool + "{...}");
        }
        if (main != null && !argument.isEmpty()) {
            arguments.put(main, argument);
        }
        if (bracket.group(3) != null) {
            String body = CodeTools.bodyArgument(tool);
            if (body == null) {
                return Parsed.error(tool + " takes no fenced block");
            }
            arguments.put(body, bracket.group(3) + "\n");
        }
        return check(tool, arguments);
    }

    private static Parsed check(String tool, Map<String, Object> arguments) {
        if (!CodeTools.NAMES.contains(tool)) {
            return Parsed.error("unknown tool '" + abbreviate(tool) + "'; tools: " + CodeTools.NAMES);
        }
        for (String required : CodeTools.required(tool)) {
            if (!arguments.containsKey(required)) {
                return Parsed.error(tool + " needs the argument '" + required + "'");
            }
        }
        return Parsed.ok(new CodeAction(tool, Map.copyOf(arguments)));
    }

    String string(String name) {
        Object value = arguments.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s)) {
            throw new BadArgument(tool + ": argument '" + name + "' must be a string, got " + value.getClass().getSimpleName());
        }
        return s;
    }

    int integer(String name, int fallback) {
        Object value = arguments.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.intValue();
        }
        if (value instanceof String s) {
            try {
                return Integer.parseInt(s.strip());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new BadArgument(tool + ": argument '" + name + "' must be an integer, got " + value);
    }

    boolean flag(String name) {
        Object value = arguments.get(name);
        return value instanceof Boolean b ? b : value instanceof String s && s.equalsIgnoreCase("true");
    }

    /** An argument of the wrong type or value: becomes the observation's {@code last_action_error}. */
    static final class BadArgument extends RuntimeException {
        BadArgument(String message) {
            super(message);
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    static List<String> tools() {
        return CodeTools.NAMES;
    }
}
