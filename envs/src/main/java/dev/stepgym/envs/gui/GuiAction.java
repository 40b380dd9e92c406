package dev.stepgym.envs.gui;

import dev.stepgym.protocol.Action;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A parsed gui-v1 action. Text form: {@code click(e5)}, {@code click(120, 40)}, {@code type(e5, "alice")},
 * {@code select(e7, "Red")}, {@code check(e3)}, {@code scroll(0, 300)}, {@code press("Enter")},
 * {@code back()}, {@code drag(e4, e9)} (press on e4, move onto e9, release); the same as tool calls
 * ({@code {"tool":"type","arguments":{"ref":"e5","text":"alice"}}}, {@code {"tool":"drag","arguments":{"from":"e4","to":"e9"}}}).
 * Refs and coordinates are checked against the page when the action runs; here only the form.
 *
 * @param verb what to do
 * @param ref  the target element's ref (click by ref, type, select, check), drag's source, else null
 * @param x    click x or scroll dx
 * @param y    click y or scroll dy
 * @param text the text to type, the option to select, the key to press or the ref drag drops onto, else null
 */
record GuiAction(String verb, String ref, int x, int y, String text) {
    static final String CLICK = "click", TYPE = "type", SELECT = "select", CHECK = "check", SCROLL = "scroll",
            PRESS = "press", BACK = "back", DRAG = "drag";
    static final List<String> VERBS = List.of(CLICK, TYPE, SELECT, CHECK, SCROLL, PRESS, BACK, DRAG);
    /** Longest text one type() may enter. */
    static final int MAX_TEXT = 500;
    static final int MAX_SCROLL = 10_000;
    private static final Pattern REF = Pattern.compile("(f[0-9]{1,6})?e[0-9]{1,6}");
    private static final Pattern KEY = Pattern.compile("((Control|Shift|Alt|Meta)\\+){0,3}([A-Za-z0-9]|Enter|Tab|Escape|Backspace|Delete"
            + "|Space|Home|End|PageUp|PageDown|ArrowUp|ArrowDown|ArrowLeft|ArrowRight)");
    private static final Pattern SCRIPT = Pattern.compile("(?i)<\\s*/?\\s*script|javascript\\s*:|\\bon[a-z]+\\s*=|<\\s*iframe");
    private static final Pattern CALL = Pattern.compile("(?s)\\s*([a-z_]+)\\s*\\((.*)\\)\\s*");

    /** A parse: the action, or why there is none. */
    record Parsed(GuiAction action, String error) {
        static Parsed error(String error) {
            return new Parsed(null, error);
        }
    }

    /** The action as JSON for evidence and state (what was done, not how it was spelled). */
    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", verb);
        if (ref != null) {
            m.put("ref", ref);
        }
        if (verb.equals(CLICK) && ref == null || verb.equals(SCROLL)) {
            m.put(verb.equals(SCROLL) ? "dx" : "x", x);
            m.put(verb.equals(SCROLL) ? "dy" : "y", y);
        }
        if (verb.equals(DRAG)) {
            m.put("to", text);
        } else if (text != null) {
            m.put(verb.equals(PRESS) ? "key" : verb.equals(SELECT) ? "option" : "text", text);
        }
        return m;
    }

    static Parsed parse(Action action) {
        if (action.isText()) {
            String raw = action.text();
            if (raw.length() > MAX_TEXT + 100) {
                return Parsed.error("the action is " + raw.length() + " characters long; at most " + MAX_TEXT + " characters may be typed at once");
            }
            java.util.regex.Matcher m = CALL.matcher(raw);
            if (!m.matches()) {
                return Parsed.error("not an action: '" + abbreviate(raw) + "'; write e.g. click(e5), type(e5, \"text\"), "
                        + "select(e7, \"option\"), check(e3), click(120, 40), scroll(0, 300), press(\"Enter\"), back(), drag(e4, e9)");
            }
            List<String> args;
            try {
                args = arguments(m.group(2));
            } catch (IllegalArgumentException e) {
                return Parsed.error(e.getMessage());
            }
            return build(m.group(1), args, null);
        }
        return build(action.tool(), null, action.arguments());
    }

    /** From positional text arguments or named tool arguments (exactly one of them is non-null). */
    private static Parsed build(String verb, List<String> args, Map<String, Object> named) {
        verb = verb.toLowerCase(Locale.ROOT);
        if (!VERBS.contains(verb)) {
            return Parsed.error("unknown action '" + abbreviate(verb) + "'; actions: " + VERBS);
        }
        Arguments a = new Arguments(verb, args, named);
        try {
            GuiAction action = switch (verb) {
                case CLICK -> a.has("ref", 0) && (args == null ? true : args.size() == 1)
                        ? new GuiAction(CLICK, a.ref(), 0, 0, null)
                        : new GuiAction(CLICK, null, a.integer("x", 0, 0, 100_000), a.integer("y", 1, 0, 100_000), null);
                case TYPE -> new GuiAction(TYPE, a.ref(), 0, 0, a.typedText("text", 1));
                case SELECT -> new GuiAction(SELECT, a.ref(), 0, 0, a.string("option", 1));
                case CHECK -> new GuiAction(CHECK, a.ref(), 0, 0, null);
                case SCROLL -> new GuiAction(SCROLL, null, a.integer("dx", 0, -MAX_SCROLL, MAX_SCROLL),
                        a.integer("dy", 1, -MAX_SCROLL, MAX_SCROLL), null);
                case PRESS -> new GuiAction(PRESS, null, 0, 0, a.key());
                case DRAG -> drag(a.ref("from", 0), a.ref("to", 1));
                default -> new GuiAction(BACK, null, 0, 0, null);
            };
            return new Parsed(action, null);
        } catch (IllegalArgumentException e) {
            return Parsed.error(e.getMessage());
        }
    }

    /** drag(from, to): two refs, and not the same one (dropping an element on itself does nothing). */
    private static GuiAction drag(String from, String to) {
        if (from.equals(to)) {
            throw new IllegalArgumentException("drag needs two different elements; [ref=" + from + "] is both the source and the target");
        }
        return new GuiAction(DRAG, from, 0, 0, to);
    }

    /** Reads one action's arguments by name (tool call) or position (text). */
    private record Arguments(String verb, List<String> positional, Map<String, Object> named) {
        boolean has(String name, int position) {
            if (named != null) {
                return named.containsKey(name);
            }
            return positional.size() > position && REF.matcher(positional.get(position)).matches();
        }

        String string(String name, int position) {
            Object value = named != null ? named.get(name) : positional.size() > position ? positional.get(position) : null;
            if (value == null) {
                throw new IllegalArgumentException(verb + " needs its '" + name + "' argument");
            }
            if (!(value instanceof String s)) {
                throw new IllegalArgumentException(verb + "'s '" + name + "' must be a string");
            }
            return s;
        }

        String ref() {
            return ref("ref", 0);
        }

        String ref(String name, int position) {
            String ref = string(name, position);
            if (!REF.matcher(ref).matches()) {
                throw new IllegalArgumentException("'" + abbreviate(ref) + "' is not an element ref; refs look like e5 ([ref=e5] in the page tree)");
            }
            return ref;
        }

        int integer(String name, int position, int min, int max) {
            Object value = named != null ? named.get(name) : positional.size() > position ? positional.get(position) : null;
            long n;
            if (value instanceof Number num && num.doubleValue() == Math.rint(num.doubleValue())) {
                n = num.longValue();
            } else if (value instanceof String s && s.strip().matches("-?[0-9]{1,9}")) {
                n = Long.parseLong(s.strip());
            } else {
                throw new IllegalArgumentException(verb + " needs an integer '" + name + "'" + (value == null ? "" : ", got '" + abbreviate(String.valueOf(value)) + "'"));
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException(verb + "'s '" + name + "' must be between " + min + " and " + max + ", got " + n);
            }
            return (int) n;
        }

        String typedText(String name, int position) {
            String text = string(name, position);
            if (text.length() > MAX_TEXT) {
                throw new IllegalArgumentException("the text is " + text.length() + " characters long; at most " + MAX_TEXT + " may be typed at once");
            }
            if (SCRIPT.matcher(text).find()) {
                throw new IllegalArgumentException("the text looks like script or markup ('" + abbreviate(text) + "'); task fields take plain text");
            }
            if (text.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                throw new IllegalArgumentException("the text has control characters; use press(\"Enter\") for keys");
            }
            return text;
        }

        String key() {
            String key = string("key", 0);
            if (!KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("'" + abbreviate(key) + "' is not a key press; e.g. Enter, Tab, Escape, ArrowDown, a, Control+a");
            }
            return key;
        }
    }

    /** Splits {@code e5, "some, text", 40}: double-quoted strings (JSON escapes) or bare words, by commas. */
    static List<String> arguments(String raw) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = raw.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(raw.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (raw.charAt(i) == '"' || raw.charAt(i) == '\'') {
                char quote = raw.charAt(i);
                StringBuilder s = new StringBuilder();
                i++;
                while (i < n && raw.charAt(i) != quote) {
                    char c = raw.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        char e = raw.charAt(++i);
                        s.append(switch (e) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            default -> e;
                        });
                    } else {
                        s.append(c);
                    }
                    i++;
                }
                if (i >= n) {
                    throw new IllegalArgumentException("a quoted argument is not closed");
                }
                i++;
                out.add(s.toString());
            } else {
                int start = i;
                while (i < n && raw.charAt(i) != ',') {
                    i++;
                }
                out.add(raw.substring(start, i).strip());
            }
            while (i < n && Character.isWhitespace(raw.charAt(i))) {
                i++;
            }
            if (i < n) {
                if (raw.charAt(i) != ',') {
                    throw new IllegalArgumentException("arguments are separated by commas");
                }
                i++;
            }
        }
        return out;
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
