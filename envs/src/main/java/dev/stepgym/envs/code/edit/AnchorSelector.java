package dev.stepgym.envs.code.edit;

/**
 * The place where a snippet of text occurs. A verbatim match is exact; failing that, a match after
 * collapsing every run of whitespace (spaces, tabs, line breaks) to one space is a partial one. The
 * resolved range covers the matched text only. In a {@code \r\n} file, {@code \n} in the snippet matches
 * {@code \r\n}.
 *
 * <pre>{@code new AnchorSelector("app.py", "def load_data(", 2).canonical()
 * // "anchor://app.py#\"def load_data(\"?occurrence=2"}</pre>
 *
 * @param text       the snippet, not blank, at most {@value #MAX_TEXT_CHARS} characters
 * @param occurrence 1-based pick among several matches; 0 = the match must be unique
 */
public record AnchorSelector(String path, String text, int occurrence) implements Selector {
    /** The longest anchor: a snippet long enough to be distinctive, short enough to search fast. */
    public static final int MAX_TEXT_CHARS = 2000;

    public AnchorSelector {
        SelectorParser.requirePath(path);
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("anchor text must not be blank");
        }
        if (text.length() > MAX_TEXT_CHARS) {
            throw new IllegalArgumentException("anchor text has " + text.length() + " characters, at most "
                    + MAX_TEXT_CHARS + " are allowed; anchor on a shorter, distinctive snippet");
        }
        SelectorParser.requireOccurrence(occurrence);
    }

    public AnchorSelector(String path, String text) {
        this(path, text, 0);
    }

    @Override
    public String canonical() {
        StringBuilder out = new StringBuilder("anchor://").append(path).append("#\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        out.append('"');
        return occurrence == 0 ? out.toString() : out + "?occurrence=" + occurrence;
    }
}
