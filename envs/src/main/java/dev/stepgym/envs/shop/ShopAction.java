package dev.stepgym.envs.shop;

import dev.stepgym.protocol.Action;

import java.util.Locale;

/**
 * A parsed shop action: {@code search[query]} or {@code click[target]}, from text or from a tool call.
 *
 * @param verb     {@code search} or {@code click}
 * @param argument the query or the click target, stripped
 */
record ShopAction(String verb, String argument) {
    static final String SEARCH = "search";
    static final String CLICK = "click";
    /** Longer queries are refused: no title needs more, and state stays small. */
    static final int MAX_ARGUMENT = 500;

    /** The outcome of parsing: an action, or why there is none. */
    record Parsed(ShopAction action, String error) {
        static Parsed ok(ShopAction action) {
            return new Parsed(action, null);
        }

        static Parsed error(String error) {
            return new Parsed(null, error);
        }
    }

    static Parsed parse(Action action) {
        if (action == null) {
            return Parsed.error("no action given: expected search[<query>] or click[<target>]");
        }
        return action.isText() ? parseText(action.text()) : parseTool(action);
    }

    private static Parsed parseText(String text) {
        String t = text.strip();
        int open = t.indexOf('[');
        if (open <= 0 || !t.endsWith("]")) {
            return Parsed.error("cannot parse action '" + abbreviate(t) + "': expected search[<query>] or click[<target>]");
        }
        String verb = t.substring(0, open).strip().toLowerCase(Locale.ROOT);
        String argument = t.substring(open + 1, t.length() - 1);
        return build(verb, argument, "action '" + abbreviate(t) + "'");
    }

    private static Parsed parseTool(Action action) {
        String verb = action.tool().strip().toLowerCase(Locale.ROOT);
        String key = verb.equals(SEARCH) ? "query" : verb.equals(CLICK) ? "target" : null;
        if (key == null) {
            return Parsed.error("unknown tool '" + abbreviate(action.tool()) + "': the shop has the tools search {query} and click {target}");
        }
        Object value = action.arguments().get(key);
        if (!(value instanceof String s)) {
            return Parsed.error("tool " + verb + " needs a string argument '" + key + "'"
                    + (value == null ? "" : ", got " + value.getClass().getSimpleName()));
        }
        return build(verb, s, "tool " + verb);
    }

    private static Parsed build(String verb, String argument, String what) {
        if (!verb.equals(SEARCH) && !verb.equals(CLICK)) {
            return Parsed.error("unknown action '" + abbreviate(verb) + "': expected search[<query>] or click[<target>]");
        }
        String arg = argument.strip();
        if (arg.isEmpty()) {
            return Parsed.error(what + " has an empty " + (verb.equals(SEARCH) ? "query" : "target"));
        }
        if (arg.length() > MAX_ARGUMENT) {
            return Parsed.error(what + ": argument longer than " + MAX_ARGUMENT + " characters");
        }
        return Parsed.ok(new ShopAction(verb, arg));
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
