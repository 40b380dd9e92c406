package dev.stepgym.envs.code.edit;

/**
 * Whole lines {@code startLine..endLine} (1-based, inclusive), without the last line's break, so a
 * replacement "x" leaves one line "x" in their place.
 *
 * <pre>{@code new LineSelector("app.py", 42, 44).canonical()   // "app.py@L42-44"}</pre>
 */
public record LineSelector(String path, int startLine, int endLine) implements Selector {
    public LineSelector {
        SelectorParser.requirePath(path);
        if (startLine < 1 || endLine < startLine) {
            throw new IllegalArgumentException(
                    "lines must satisfy 1 <= start <= end, got start " + startLine + ", end " + endLine);
        }
    }

    @Override
    public String canonical() {
        return path + "@L" + startLine + (endLine == startLine ? "" : "-" + endLine);
    }
}
