package dev.stepgym.envs.code.edit;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The structured form of a selector, for tool calls whose arguments arrive as JSON objects. Lines and
 * columns are 1-based, as in the string form; range ends are exclusive.
 *
 * <table>
 * <caption>Selector objects</caption>
 * <tr><td>{@code {"kind":"lines","path":"app.py","start":42,"end":44}}</td><td>{@code end} defaults to {@code start}</td></tr>
 * <tr><td>{@code {"kind":"range","path":"app.py","start":[42,1],"end":[44,10]}}</td><td></td></tr>
 * <tr><td>{@code {"kind":"symbol","path":"app.py","name":"Loader.load","part":"body","occurrence":2}}</td><td>{@code part}, {@code occurrence} optional</td></tr>
 * <tr><td>{@code {"kind":"anchor","path":"app.py","text":"def load(","occurrence":2}}</td><td>{@code occurrence} optional</td></tr>
 * </table>
 *
 * <pre>{@code
 * Selector s = SelectorSpec.fromMap(Map.of("kind", "lines", "path", "app.py", "start", 3));
 * SelectorSpec.toMap(s);                       // {kind=lines, path=app.py, start=3, end=3}
 * Selector t = SelectorSpec.from("app.py@L3"); // a string works too
 * }</pre>
 *
 * Unknown keys are refused rather than ignored, so a typo ({@code "line"} for {@code "start"}) is reported.
 */
public final class SelectorSpec {
    private static final Map<String, Set<String>> KEYS = Map.of(
            "lines", Set.of("kind", "path", "start", "end"),
            "range", Set.of("kind", "path", "start", "end"),
            "symbol", Set.of("kind", "path", "name", "part", "occurrence"),
            "anchor", Set.of("kind", "path", "text", "occurrence"));

    private SelectorSpec() {
    }

    /** A selector string ({@link Selector#parse}) or a selector object ({@link #fromMap}). */
    public static Selector from(Object value) throws SelectorException {
        if (value instanceof String s) {
            return Selector.parse(s);
        }
        if (value instanceof Map<?, ?> m) {
            return fromMap(m);
        }
        throw SelectorParser.bad("a selector is a string or an object, got "
                + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    public static Selector fromMap(Map<?, ?> spec) throws SelectorException {
        if (spec == null) {
            throw SelectorParser.bad("the selector object is missing");
        }
        Object kindValue = spec.get("kind");
        if (!(kindValue instanceof String kind) || !KEYS.containsKey(kind)) {
            throw SelectorParser.bad("selector field 'kind' must be one of " + new TreeSet<>(KEYS.keySet()) + ", got "
                    + describe(kindValue));
        }
        for (Object key : spec.keySet()) {
            if (!KEYS.get(kind).contains(String.valueOf(key))) {
                throw SelectorParser.bad("unknown field '" + key + "' in a " + kind + " selector; its fields are "
                        + new TreeSet<>(KEYS.get(kind)));
            }
        }
        String path = string(spec, "path", true);
        try {
            return switch (kind) {
                case "lines" -> {
                    int start = integer(spec.get("start"), "selector field 'start'");
                    yield new LineSelector(path, start, spec.containsKey("end") ? integer(spec.get("end"), "selector field 'end'") : start);
                }
                case "range" -> {
                    int[] start = position(spec, "start");
                    int[] end = position(spec, "end");
                    yield new RangeSelector(path, start[0], start[1], end[0], end[1]);
                }
                case "symbol" -> new SymbolSelector(path, string(spec, "name", true), part(spec), occurrence(spec));
                default -> new AnchorSelector(path, string(spec, "text", true), occurrence(spec));
            };
        } catch (IllegalArgumentException e) {
            throw SelectorParser.bad(e.getMessage() + " in a " + kind + " selector");
        }
    }

    /** The object form of a selector; {@link #fromMap} of it gives an equal selector. */
    public static Map<String, Object> toMap(Selector selector) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (selector instanceof LineSelector s) {
            out.put("kind", "lines");
            out.put("path", s.path());
            out.put("start", s.startLine());
            out.put("end", s.endLine());
        } else if (selector instanceof RangeSelector s) {
            out.put("kind", "range");
            out.put("path", s.path());
            out.put("start", List.of(s.startLine(), s.startColumn()));
            out.put("end", List.of(s.endLine(), s.endColumn()));
        } else if (selector instanceof SymbolSelector s) {
            out.put("kind", "symbol");
            out.put("path", s.path());
            out.put("name", s.name());
            out.put("part", s.part().word());
            if (s.occurrence() > 0) {
                out.put("occurrence", s.occurrence());
            }
        } else {
            AnchorSelector s = (AnchorSelector) selector;
            out.put("kind", "anchor");
            out.put("path", s.path());
            out.put("text", s.text());
            if (s.occurrence() > 0) {
                out.put("occurrence", s.occurrence());
            }
        }
        return out;
    }

    /** A JSON schema for a tool argument that takes a selector, as a string or an object. */
    public static Map<String, Object> jsonSchema() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("type", "object");
        object.put("properties", new LinkedHashMap<>(Map.of(
                "kind", Map.of("type", "string", "enum", List.of("lines", "range", "symbol", "anchor")),
                "path", Map.of("type", "string", "description", "file path relative to the repository root"),
                "start", Map.of("description", "lines: first line (1-based); range: [line, column], 1-based, "
                        + "column in UTF-16 code units"),
                "end", Map.of("description", "lines: last line, inclusive; range: [line, column], exclusive"),
                "name", Map.of("type", "string", "description", "symbol: dotted name, e.g. Class.method"),
                "part", Map.of("type", "string", "enum", List.of("def", "body")),
                "text", Map.of("type", "string", "description", "anchor: verbatim snippet of the file"),
                "occurrence", Map.of("type", "integer", "minimum", 1,
                        "description", "pick the n-th of several matches, in document order"))));
        object.put("required", List.of("kind", "path"));
        Map<String, Object> string = Map.of("type", "string", "description", SelectorParser.FORMS);
        return Map.of("oneOf", List.of(string, object), "description", "where in a file: a selector string or object");
    }

    private static String string(Map<?, ?> spec, String key, boolean required) throws SelectorException {
        Object value = spec.get(key);
        if (value instanceof String s) {
            return s;
        }
        if (value == null && !required) {
            return null;
        }
        throw SelectorParser.bad("selector field '" + key + "' must be a string, got " + describe(value));
    }

    private static int integer(Object value, String what) throws SelectorException {
        if (value instanceof Number n) {
            try {
                // Through BigDecimal so 3, 3L and 3.0 pass while 3.5, NaN and 2^40 do not.
                return new BigDecimal(n.toString()).intValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                // reported below
            }
        }
        throw SelectorParser.bad(what + " must be an integer, got " + describe(value));
    }

    private static int[] position(Map<?, ?> spec, String key) throws SelectorException {
        Object value = spec.get(key);
        if (value instanceof List<?> list && list.size() == 2) {
            return new int[]{integer(list.get(0), "line of '" + key + "'"), integer(list.get(1), "column of '" + key + "'")};
        }
        throw SelectorParser.bad("selector field '" + key + "' must be [line, column], got " + describe(value));
    }

    private static SymbolPart part(Map<?, ?> spec) throws SelectorException {
        String part = string(spec, "part", false);
        if (part == null || part.equals("def")) {
            return SymbolPart.DEF;
        }
        if (part.equals("body")) {
            return SymbolPart.BODY;
        }
        throw SelectorParser.bad("selector field 'part' must be \"def\" or \"body\", got \"" + part + "\"");
    }

    private static int occurrence(Map<?, ?> spec) throws SelectorException {
        if (!spec.containsKey("occurrence")) {
            return 0;
        }
        int occurrence = integer(spec.get("occurrence"), "selector field 'occurrence'");
        if (occurrence < 1) {
            throw SelectorParser.bad("selector field 'occurrence' counts from 1, got " + occurrence);
        }
        return occurrence;
    }

    private static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        String shown = SelectorParser.quote(String.valueOf(value));
        return value instanceof String ? shown : shown + " (" + value.getClass().getSimpleName() + ")";
    }
}
