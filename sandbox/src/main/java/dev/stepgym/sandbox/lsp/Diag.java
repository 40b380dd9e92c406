package dev.stepgym.sandbox.lsp;

import java.util.Comparator;
import java.util.Locale;

/**
 * One diagnostic, normalised from LSP: 0-based lines, UTF-16 columns, the path relative to the
 * workspace root, pyright's rule name ({@code reportAssignmentType}) or {@code ""} when the server
 * gives none (syntax errors).
 *
 * <pre>{@code
 * Diag(path=a.py, line=0, col=9, endLine=0, endCol=12, severity=ERROR,
 *      message=Type "Literal['s']" is not assignable ..., rule=reportAssignmentType)
 * }</pre>
 */
public record Diag(String path, int line, int col, int endLine, int endCol, Severity severity, String message, String rule)
        implements Comparable<Diag> {
    /** LSP's four severities; a diagnostic without one counts as an error, as LSP says clients may assume. */
    public enum Severity {
        ERROR, WARNING, INFORMATION, HINT;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final Comparator<Diag> ORDER = Comparator.comparing(Diag::path).thenComparingInt(Diag::line)
            .thenComparingInt(Diag::col).thenComparingInt(Diag::endLine).thenComparingInt(Diag::endCol)
            .thenComparing(Diag::severity).thenComparing(Diag::rule).thenComparing(Diag::message);

    @Override
    public int compareTo(Diag other) {
        return ORDER.compare(this, other);
    }
}
