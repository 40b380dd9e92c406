package dev.stepgym.envs.code.edit;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses selector strings ({@link Selector#parse}) and holds the checks the selector records share. */
final class SelectorParser {
    static final int MAX_SELECTOR_CHARS = 8192;
    static final int MAX_PATH_CHARS = 4096;
    static final int MAX_OCCURRENCE = 100_000;
    static final Pattern DOTTED_NAME = Pattern.compile("[\\p{L}_][\\p{L}\\p{N}_]*(\\.[\\p{L}_][\\p{L}\\p{N}_]*)*");

    static final String FORMS = "expected one of: path@L42, path@L42-44, path@L42:C7, path@R(42,1->44,10), "
            + "py://path#Class.method[:body][?occurrence=N], anchor://path#\"text\"[?occurrence=N]";

    // At most 9 digits, so every number fits an int; a larger one is out of range anyway.
    private static final String NUM = "(\\d{1,9})";
    private static final Pattern LINES = Pattern.compile("L" + NUM + "(?:-" + NUM + ")?");
    private static final Pattern CURSOR = Pattern.compile("L" + NUM + ":C" + NUM);
    private static final Pattern RANGE = Pattern.compile(
            "R\\(\\s*" + NUM + "\\s*,\\s*" + NUM + "\\s*->\\s*" + NUM + "\\s*,\\s*" + NUM + "\\s*\\)");
    private static final Pattern OCCURRENCE = Pattern.compile("occurrence=" + NUM);

    private SelectorParser() {
    }

    static Selector parse(String selector) throws SelectorException {
        if (selector == null || selector.isBlank()) {
            throw bad("the selector is empty; " + FORMS);
        }
        if (selector.length() > MAX_SELECTOR_CHARS) {
            throw bad("the selector has " + selector.length() + " characters, at most " + MAX_SELECTOR_CHARS
                    + " are allowed");
        }
        String s = selector.strip();
        try {
            if (s.startsWith("py://")) {
                return parseSymbol(s);
            }
            if (s.startsWith("anchor://")) {
                return parseAnchor(s);
            }
            int scheme = s.indexOf("://");
            if (scheme > 0 && s.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
                throw bad("unsupported selector scheme '" + s.substring(0, scheme) + "://'; " + FORMS);
            }
            return parseLocation(s);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage() + " in selector " + quote(s));
        }
    }

    private static Selector parseLocation(String s) throws SelectorException {
        int at = s.lastIndexOf('@');
        if (at <= 0) {
            throw bad("cannot read selector " + quote(s) + "; " + FORMS);
        }
        String path = s.substring(0, at);
        String where = s.substring(at + 1);
        Matcher m;
        if ((m = LINES.matcher(where)).matches()) {
            int start = Integer.parseInt(m.group(1));
            return new LineSelector(path, start, m.group(2) == null ? start : Integer.parseInt(m.group(2)));
        }
        if ((m = CURSOR.matcher(where)).matches()) {
            return RangeSelector.cursor(path, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        }
        if ((m = RANGE.matcher(where)).matches()) {
            return new RangeSelector(path, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
        }
        throw bad("cannot read location '" + where + "' in selector " + quote(s) + "; " + FORMS);
    }

    private static Selector parseSymbol(String s) throws SelectorException {
        String rest = s.substring("py://".length());
        int hash = rest.lastIndexOf('#');
        if (hash <= 0) {
            throw bad("a symbol selector needs a path and a name, like py://src/app.py#Class.method; got " + quote(s));
        }
        String path = rest.substring(0, hash);
        String name = rest.substring(hash + 1);
        int occurrence = 0;
        int question = name.indexOf('?');
        if (question >= 0) {
            occurrence = parseOptions(name.substring(question + 1), s);
            name = name.substring(0, question);
        }
        SymbolPart part = SymbolPart.DEF;
        int colon = name.indexOf(':');
        if (colon >= 0) {
            String word = name.substring(colon + 1);
            part = switch (word.toLowerCase(Locale.ROOT)) {
                case "def" -> SymbolPart.DEF;
                case "body" -> SymbolPart.BODY;
                default -> throw bad("unsupported symbol part ':" + word + "' in " + quote(s)
                        + "; supported: :def (the whole definition, default) and :body");
            };
            name = name.substring(0, colon);
        }
        return new SymbolSelector(path, name, part, occurrence);
    }

    private static Selector parseAnchor(String s) throws SelectorException {
        String rest = s.substring("anchor://".length());
        int open = rest.indexOf("#\"");
        if (open <= 0) {
            throw bad("an anchor selector needs a path and quoted text, like anchor://src/app.py#\"def load(\"; got "
                    + quote(s));
        }
        String path = rest.substring(0, open);
        StringBuilder text = new StringBuilder();
        int i = open + 2;
        boolean closed = false;
        while (i < rest.length()) {
            char c = rest.charAt(i++);
            if (c == '"') {
                closed = true;
                break;
            }
            if (c != '\\') {
                text.append(c);
                continue;
            }
            if (i >= rest.length()) {
                break;
            }
            char escaped = rest.charAt(i++);
            switch (escaped) {
                case '"', '\\' -> text.append(escaped);
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                default -> throw bad("unknown escape \\" + escaped + " in anchor text; use \\\" \\\\ \\n \\r \\t");
            }
        }
        if (!closed) {
            throw bad("the anchor text is not closed by a quote in " + quote(s));
        }
        String tail = rest.substring(i);
        int occurrence = 0;
        if (!tail.isEmpty()) {
            if (tail.charAt(0) != '?') {
                throw bad("unexpected '" + tail + "' after the anchor text; only ?occurrence=N may follow");
            }
            occurrence = parseOptions(tail.substring(1), s);
        }
        return new AnchorSelector(path, text.toString(), occurrence);
    }

    private static int parseOptions(String options, String s) throws SelectorException {
        Matcher m = OCCURRENCE.matcher(options);
        if (!m.matches()) {
            throw bad("unsupported option '?" + options + "' in " + quote(s) + "; the only option is ?occurrence=N");
        }
        int occurrence = Integer.parseInt(m.group(1));
        if (occurrence == 0) {
            throw bad("occurrence counts from 1, got ?occurrence=0 in " + quote(s));
        }
        return occurrence;
    }

    static void requirePath(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("the path is empty");
        }
        if (path.length() > MAX_PATH_CHARS) {
            throw new IllegalArgumentException("the path has " + path.length() + " characters, at most "
                    + MAX_PATH_CHARS + " are allowed");
        }
        for (int i = 0; i < path.length(); i++) {
            if (Character.isISOControl(path.charAt(i))) {
                throw new IllegalArgumentException("the path holds a control character (code "
                        + (int) path.charAt(i) + ") at index " + i);
            }
        }
    }

    static void requireOccurrence(int occurrence) {
        if (occurrence < 0 || occurrence > MAX_OCCURRENCE) {
            throw new IllegalArgumentException("occurrence must be in 1.." + MAX_OCCURRENCE
                    + " (or absent), got " + occurrence);
        }
    }

    static SelectorException bad(String message) {
        return new SelectorException(SelectorException.Kind.BAD_SELECTOR, message);
    }

    /** Quotes agent input for a message, cut short so a huge selector cannot flood the observation. */
    static String quote(String s) {
        return "'" + (s.length() > 200 ? s.substring(0, 200) + "…" : s) + "'";
    }
}
