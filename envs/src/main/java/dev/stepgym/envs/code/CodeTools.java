package dev.stepgym.envs.code;

import dev.stepgym.protocol.ToolSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tools of code-v1: their names, JSON schemas, and which argument the short text form fills. */
final class CodeTools {
    static final String READ_FILE = "read_file";
    static final String LIST_FILES = "list_files";
    static final String DIAGNOSTICS = "diagnostics";
    static final String DEFINITION = "definition";
    static final String REFERENCES = "references";
    static final String HOVER = "hover";
    static final String DOCUMENT_SYMBOLS = "document_symbols";
    static final String WORKSPACE_SYMBOLS = "workspace_symbols";
    static final String EDIT = "edit";
    static final String WRITE_FILE = "write_file";
    static final String APPLY_PATCH = "apply_patch";
    static final String RENAME = "rename";
    static final String RUN_TESTS = "run_tests";
    static final String SUBMIT = "submit";

    static final List<String> NAMES = List.of(READ_FILE, LIST_FILES, DIAGNOSTICS, DEFINITION, REFERENCES, HOVER,
            DOCUMENT_SYMBOLS, WORKSPACE_SYMBOLS, EDIT, WRITE_FILE, APPLY_PATCH, RENAME, RUN_TESTS, SUBMIT);

    /**
     * The short text forms listed as {@code available_actions}: the tools that need at most one
     * argument. Edits, renames and patches take JSON arguments and are described by the tool specs.
     */
    static final List<String> TEXT_ACTIONS = List.of("list_files[]", "read_file[<path>]", "diagnostics[]",
            "document_symbols[<path>]", "workspace_symbols[<query>]", "run_tests[]", "submit[]");

    private CodeTools() {
    }

    /** The argument {@code tool[...]} fills, or null when the tool needs JSON arguments (or none). */
    static String mainArgument(String tool) {
        return switch (tool) {
            case READ_FILE, DIAGNOSTICS, DOCUMENT_SYMBOLS, WRITE_FILE -> "path";
            case WORKSPACE_SYMBOLS -> "query";
            case EDIT -> "selector";
            default -> null;
        };
    }

    /** The argument a fenced block after {@code tool[...]} fills. */
    static String bodyArgument(String tool) {
        return switch (tool) {
            case EDIT -> "replacement";
            case WRITE_FILE -> "content";
            case APPLY_PATCH -> "patch";
            default -> null;
        };
    }

    static List<String> required(String tool) {
        return switch (tool) {
            case READ_FILE, DOCUMENT_SYMBOLS -> List.of("path");
            case DEFINITION, REFERENCES, HOVER -> List.of("path", "line", "column");
            case WORKSPACE_SYMBOLS -> List.of("query");
            case EDIT -> List.of("selector", "replacement");
            case WRITE_FILE -> List.of("path", "content");
            case APPLY_PATCH -> List.of("patch");
            case RENAME -> List.of("path", "line", "column", "new_name");
            default -> List.of();
        };
    }

    static List<ToolSpec> specs() {
        List<ToolSpec> specs = new ArrayList<>();
        specs.add(tool(READ_FILE, "Read a file of the workspace with line numbers (optionally a line range).",
                props("path", str("path relative to the workspace root"), "start_line", integer("first line, 1-based"),
                        "end_line", integer("last line, inclusive"))));
        specs.add(tool(LIST_FILES, "List the files of the workspace.", props()));
        specs.add(tool(DIAGNOSTICS, "Pyright diagnostics of a file, or of the task's target files when no path is given.",
                props("path", str("path relative to the workspace root"))));
        Map<String, Object> position = props("path", str("file"), "line", integer("line, 1-based"),
                "column", integer("column, 1-based"));
        specs.add(tool(DEFINITION, "Where the symbol at a position is defined (pyright).", position));
        specs.add(tool(REFERENCES, "Every reference to the symbol at a position (pyright).", position));
        specs.add(tool(HOVER, "Type and documentation of the symbol at a position (pyright).", position));
        specs.add(tool(DOCUMENT_SYMBOLS, "Classes, functions and variables of a file, with their line ranges.",
                props("path", str("file"))));
        specs.add(tool(WORKSPACE_SYMBOLS, "Find symbols by name across the workspace.", props("query", str("name or part of it"))));
        specs.add(tool(EDIT, "Replace what a selector names: path@L12 (a line), path@L12-L20 (lines), "
                        + "path@R(12,5->14,1) (a range, 1-based, end exclusive), py://path#Class.method (a definition; "
                        + "add :body for its body), anchor://path#\"exact text\" (a unique snippet).",
                props("selector", str("what to replace"), "replacement", str("the new text"))));
        specs.add(tool(WRITE_FILE, "Create or overwrite a whole file.", props("path", str("file"), "content", str("the whole new content"))));
        specs.add(tool(APPLY_PATCH, "Apply a unified diff (git format, a/ and b/ paths) as one change: all of it or nothing.",
                props("patch", str("the unified diff"))));
        specs.add(tool(RENAME, "Rename the symbol at a position everywhere, through the language server. Shows a preview; "
                        + "set apply to true to write it.",
                props("path", str("file"), "line", integer("line, 1-based"), "column", integer("column, 1-based"),
                        "new_name", str("the new name"), "apply", Map.of("type", "boolean", "description", "write the rename"))));
        specs.add(tool(RUN_TESTS, "Run the task's visible tests in the sandbox.", props()));
        specs.add(tool(SUBMIT, "Finish: the hidden tests decide the outcome.", props()));
        return specs;
    }

    private static ToolSpec tool(String name, String description, Map<String, Object> properties) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", required(name));
        return new ToolSpec(name, description, schema);
    }

    private static Map<String, Object> props(Object... keyValues) {
        Map<String, Object> props = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put((String) keyValues[i], keyValues[i + 1]);
        }
        return props;
    }

    private static Map<String, Object> str(String description) {
        return Map.of("type", "string", "description", description);
    }

    private static Map<String, Object> integer(String description) {
        return Map.of("type", "integer", "description", description);
    }
}
