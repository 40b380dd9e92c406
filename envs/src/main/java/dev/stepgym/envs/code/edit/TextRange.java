package dev.stepgym.envs.code.edit;

/**
 * A span of a document in LSP coordinates: 0-based lines, 0-based columns in UTF-16 code units, end
 * exclusive. An empty range ({@code start == end}) is an insertion point.
 *
 * <pre>{@code
 * TextRange firstWord = new TextRange(0, 0, 0, 3);   // "def" in "def f():"
 * firstWord.display();                               // "1:1-1:4" (1-based, as an editor shows it)
 * }</pre>
 */
public record TextRange(int startLine, int startColumn, int endLine, int endColumn) {
    public TextRange {
        if (startLine < 0 || startColumn < 0 || endLine < 0 || endColumn < 0) {
            throw new IllegalArgumentException("text range coordinates must be >= 0: " + this);
        }
        if (endLine < startLine || (endLine == startLine && endColumn < startColumn)) {
            throw new IllegalArgumentException("text range ends before it starts: " + this);
        }
    }

    /** The empty range at one position. */
    public static TextRange at(int line, int column) {
        return new TextRange(line, column, line, column);
    }

    public boolean isEmpty() {
        return startLine == endLine && startColumn == endColumn;
    }

    /** 1-based {@code line:col-line:col} (end exclusive), for messages to agents. */
    public String display() {
        return (startLine + 1) + ":" + (startColumn + 1) + "-" + (endLine + 1) + ":" + (endColumn + 1);
    }
}
