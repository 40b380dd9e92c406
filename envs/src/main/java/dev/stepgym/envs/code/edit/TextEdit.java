package dev.stepgym.envs.code.edit;

import java.util.Objects;

/**
 * Replaces a range of a document's text, keeping the document's line endings: the replacement's own
 * line breaks ({@code \n}, {@code \r\n} or {@code \r}) become the document's dominant one
 * ({@link LineIndex#lineSeparator()}), so an agent writing {@code \n} into a {@code \r\n} file does not
 * leave it with mixed endings.
 *
 * <pre>{@code
 * String after = TextEdit.apply("a = 1\r\nb = 2\r\n", new TextRange(0, 0, 0, 5), "a = 1\nc = 3",
 *         TextEdit.DEFAULT_MAX_CHARS);
 * // "a = 1\r\nc = 3\r\nb = 2\r\n"
 * }</pre>
 */
public final class TextEdit {
    /** A cap for callers without their own: 2 Mi UTF-16 code units, far beyond a hand-written source file. */
    public static final int DEFAULT_MAX_CHARS = 2 * 1024 * 1024;

    private TextEdit() {
    }

    /**
     * @param range          where to replace, in LSP coordinates; it must lie inside {@code text}
     * @param replacement    the new text for the range; NUL characters are refused as binary content
     * @param maxResultChars the largest text, in UTF-16 code units, the edit may leave
     * @return the edited text
     * @throws SelectorException {@code OUT_OF_RANGE} for a range outside the text, {@code TOO_LARGE} past the
     *                           cap, {@code BINARY_CONTENT} for NUL characters
     */
    public static String apply(String text, TextRange range, String replacement, int maxResultChars)
            throws SelectorException {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(replacement, "replacement");
        if (maxResultChars < 0) {
            throw new IllegalArgumentException("maxResultChars must be >= 0, got " + maxResultChars);
        }
        // Refuse a hopeless replacement before copying it: converting \r\n to \n at most halves it, so
        // past twice the cap it cannot fit whatever it replaces.
        if (replacement.length() > 2L * maxResultChars) {
            throw tooLarge(replacement.length(), maxResultChars);
        }
        int nul = replacement.indexOf('\0');
        if (nul >= 0) {
            throw new SelectorException(SelectorException.Kind.BINARY_CONTENT, "the replacement holds a NUL character at index "
                    + nul + "; edits must be text");
        }
        LineIndex lines = LineIndex.of(text);
        int[] span = lines.offsets(range);
        String converted = withLineSeparator(replacement, lines.lineSeparator());
        long resultLength = (long) text.length() - (span[1] - span[0]) + converted.length();
        if (resultLength > maxResultChars) {
            throw tooLarge(resultLength, maxResultChars);
        }
        return text.substring(0, span[0]) + converted + text.substring(span[1]);
    }

    /** {@link #apply(String, TextRange, String, int)} with {@link #DEFAULT_MAX_CHARS}. */
    public static String apply(String text, TextRange range, String replacement) throws SelectorException {
        return apply(text, range, replacement, DEFAULT_MAX_CHARS);
    }

    private static String withLineSeparator(String s, String separator) {
        if (s.indexOf('\r') < 0 && separator.equals("\n")) {
            return s;
        }
        String unix = s.replace("\r\n", "\n").replace('\r', '\n');
        return separator.equals("\n") ? unix : unix.replace("\n", separator);
    }

    private static SelectorException tooLarge(long size, int max) {
        return new SelectorException(SelectorException.Kind.TOO_LARGE, "the edited file would have about " + size
                + " characters, more than the limit of " + max);
    }
}
