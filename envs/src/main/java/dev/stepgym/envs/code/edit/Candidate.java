package dev.stepgym.envs.code.edit;

import java.util.Objects;

/**
 * One place a selector could mean: a symbol's qualified name or an anchor's line, and its range.
 *
 * <pre>{@code new Candidate("B.run", new TextRange(7, 4, 9, 16))   // describe(): "B.run (lines 8-10)"}</pre>
 */
public record Candidate(String label, TextRange range) {
    public Candidate {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(range, "range");
    }

    /** The label and 1-based line span, as listed in error messages. */
    public String describe() {
        int first = range.startLine() + 1;
        int last = range.endLine() + 1;
        return label + (first == last ? " (line " + first + ")" : " (lines " + first + "-" + last + ")");
    }
}
