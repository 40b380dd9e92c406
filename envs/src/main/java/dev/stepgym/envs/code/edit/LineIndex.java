package dev.stepgym.envs.code.edit;

import java.util.Arrays;

/**
 * A document's line table: converts between LSP positions (0-based line, UTF-16 column) and offsets
 * into the Java string, which is UTF-16 too, so a column is an index into the line. Lines end at
 * {@code \n}, {@code \r\n} or a lone {@code \r}, as in LSP; a file ending with a line break has an empty
 * last line, and the empty file has one empty line.
 *
 * <pre>{@code
 * LineIndex lines = LineIndex.of("a\r\nbc");
 * lines.lineCount();          // 2
 * lines.offset(1, 2);         // 5: the end of "bc"
 * lines.lineSeparator();      // "\r\n"
 * }</pre>
 */
public final class LineIndex {
    private final String text;
    private final int[] starts;
    private final int[] contentEnds;
    private final String separator;

    private LineIndex(String text, int[] starts, int[] contentEnds, String separator) {
        this.text = text;
        this.starts = starts;
        this.contentEnds = contentEnds;
        this.separator = separator;
    }

    public static LineIndex of(String text) {
        int[] starts = new int[16];
        int[] ends = new int[16];
        int lines = 0;
        int crlf = 0;
        int lf = 0;
        int cr = 0;
        int lineStart = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int width = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? 2 : 1;
                if (width == 2) {
                    crlf++;
                } else if (c == '\n') {
                    lf++;
                } else {
                    cr++;
                }
                if (lines + 1 >= starts.length) {
                    starts = Arrays.copyOf(starts, starts.length * 2);
                    ends = Arrays.copyOf(ends, ends.length * 2);
                }
                starts[lines] = lineStart;
                ends[lines] = i;
                lines++;
                i += width;
                lineStart = i;
            } else {
                i++;
            }
        }
        starts[lines] = lineStart;
        ends[lines] = text.length();
        lines++;
        // The dominant separator is what an edit's own line breaks are converted to; ties and files
        // without any break get "\n", the POSIX default.
        String separator = crlf > lf && crlf >= cr ? "\r\n" : cr > lf && cr > crlf ? "\r" : "\n";
        return new LineIndex(text, Arrays.copyOf(starts, lines), Arrays.copyOf(ends, lines), separator);
    }

    public String text() {
        return text;
    }

    public int lineCount() {
        return starts.length;
    }

    /** The line's length in UTF-16 code units, without its line break. */
    public int lineLength(int line) {
        requireLine(line);
        return contentEnds[line] - starts[line];
    }

    /** The line's text without its line break. */
    public String line(int line) {
        requireLine(line);
        return text.substring(starts[line], contentEnds[line]);
    }

    /** The most common line break of the document: {@code "\n"}, {@code "\r\n"} or {@code "\r"}. */
    public String lineSeparator() {
        return separator;
    }

    /**
     * The string offset of a position. The column may equal the line's length (the end of the line) but
     * not point into its line break or between the two halves of a surrogate pair.
     *
     * @throws SelectorException {@link SelectorException.Kind#OUT_OF_RANGE}, with 1-based numbers in the message
     */
    public int offset(int line, int column) throws SelectorException {
        if (line < 0 || line >= starts.length) {
            throw new SelectorException(SelectorException.Kind.OUT_OF_RANGE,
                    "line " + (line + 1) + " is outside the file, which has " + starts.length + " line"
                            + (starts.length == 1 ? "" : "s"));
        }
        int length = contentEnds[line] - starts[line];
        if (column < 0 || column > length) {
            throw new SelectorException(SelectorException.Kind.OUT_OF_RANGE,
                    "column " + (column + 1) + " is outside line " + (line + 1) + ", which has " + length
                            + " UTF-16 code units (columns 1.." + (length + 1) + ")");
        }
        int offset = starts[line] + column;
        if (column > 0 && column < length && Character.isHighSurrogate(text.charAt(offset - 1))
                && Character.isLowSurrogate(text.charAt(offset))) {
            throw new SelectorException(SelectorException.Kind.OUT_OF_RANGE,
                    "column " + (column + 1) + " of line " + (line + 1)
                            + " falls inside a character that takes two UTF-16 code units (columns count UTF-16 code units)");
        }
        return offset;
    }

    /** Start and end offsets of a range, both checked as in {@link #offset}. */
    public int[] offsets(TextRange range) throws SelectorException {
        return new int[]{offset(range.startLine(), range.startColumn()), offset(range.endLine(), range.endColumn())};
    }

    /** The position of an offset in [0, text length]; an offset inside a line break maps to the line's end. */
    public TextRange position(int offset) {
        if (offset < 0 || offset > text.length()) {
            throw new IllegalArgumentException("offset " + offset + " outside [0, " + text.length() + "]");
        }
        int line = Arrays.binarySearch(starts, offset);
        if (line < 0) {
            line = -line - 2;
        }
        return TextRange.at(line, Math.min(offset, contentEnds[line]) - starts[line]);
    }

    /** The range between two offsets. */
    public TextRange range(int startOffset, int endOffset) {
        TextRange start = position(startOffset);
        TextRange end = position(endOffset);
        return new TextRange(start.startLine(), start.startColumn(), end.startLine(), end.startColumn());
    }

    private void requireLine(int line) {
        if (line < 0 || line >= starts.length) {
            throw new IllegalArgumentException("line " + line + " outside [0, " + starts.length + ")");
        }
    }
}
