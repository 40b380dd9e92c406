package dev.stepgym.envs.code.edit;

/**
 * A character range: 1-based lines and columns (UTF-16 code units), end exclusive. An empty range is an
 * insertion point, written {@code path@L42:C7}.
 *
 * <pre>{@code new RangeSelector("app.py", 42, 1, 44, 10).canonical()   // "app.py@R(42,1->44,10)"}</pre>
 */
public record RangeSelector(String path, int startLine, int startColumn, int endLine, int endColumn)
        implements Selector {
    public RangeSelector {
        SelectorParser.requirePath(path);
        if (startLine < 1 || startColumn < 1 || endLine < 1 || endColumn < 1) {
            throw new IllegalArgumentException("range lines and columns are 1-based, got "
                    + startLine + "," + startColumn + "->" + endLine + "," + endColumn);
        }
        if (endLine < startLine || (endLine == startLine && endColumn < startColumn)) {
            throw new IllegalArgumentException("range ends before it starts: "
                    + startLine + "," + startColumn + "->" + endLine + "," + endColumn);
        }
    }

    /** The insertion point before {@code column} of {@code line}. */
    public static RangeSelector cursor(String path, int line, int column) {
        return new RangeSelector(path, line, column, line, column);
    }

    @Override
    public String canonical() {
        if (startLine == endLine && startColumn == endColumn) {
            return path + "@L" + startLine + ":C" + startColumn;
        }
        return path + "@R(" + startLine + "," + startColumn + "->" + endLine + "," + endColumn + ")";
    }
}
