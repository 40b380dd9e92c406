package dev.stepgym.sandbox.lsp;

import java.util.Comparator;

/**
 * A range in a document as LSP counts it: 0-based lines and 0-based columns in UTF-16 code units
 * (a character outside the Basic Multilingual Plane counts 2); the end is exclusive.
 *
 * <pre>{@code
 * new SourceRange(0, 4, 0, 7)   // "foo" in "def foo():" on the first line
 * }</pre>
 */
public record SourceRange(int line, int col, int endLine, int endCol) implements Comparable<SourceRange> {
    private static final Comparator<SourceRange> ORDER = Comparator.comparingInt(SourceRange::line)
            .thenComparingInt(SourceRange::col).thenComparingInt(SourceRange::endLine).thenComparingInt(SourceRange::endCol);

    public SourceRange {
        if (line < 0 || col < 0 || endLine < 0 || endCol < 0) {
            throw new IllegalArgumentException("negative position in range " + line + ":" + col + "-" + endLine + ":" + endCol);
        }
    }

    static SourceRange of(org.eclipse.lsp4j.Range range) {
        return new SourceRange(range.getStart().getLine(), range.getStart().getCharacter(),
                range.getEnd().getLine(), range.getEnd().getCharacter());
    }

    @Override
    public int compareTo(SourceRange other) {
        return ORDER.compare(this, other);
    }
}
