package dev.stepgym.sandbox.lsp;

import java.util.Comparator;

/**
 * A place a language server pointed to: a definition, a reference.
 *
 * <pre>{@code
 * SourceLocation def = session.definition("main.py", 2, 8).get(0);
 * def.path();          // "lib/util.py", relative to the workspace root, '/'-separated
 * def.inWorkspace();   // false for a library or typeshed stub: path is then absolute
 * }</pre>
 *
 * @param path        relative to the workspace root when {@code inWorkspace}, else the absolute file path
 * @param range       0-based lines, UTF-16 columns
 * @param inWorkspace whether the file lies under the workspace root
 */
public record SourceLocation(String path, SourceRange range, boolean inWorkspace) implements Comparable<SourceLocation> {
    private static final Comparator<SourceLocation> ORDER = Comparator.comparing(SourceLocation::inWorkspace).reversed()
            .thenComparing(SourceLocation::path).thenComparing(SourceLocation::range);

    @Override
    public int compareTo(SourceLocation other) {
        return ORDER.compare(this, other);
    }
}
