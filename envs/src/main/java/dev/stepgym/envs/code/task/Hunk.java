package dev.stepgym.envs.code.task;

import java.util.List;
import java.util.Objects;

/**
 * One {@code @@ -oldStart,oldCount +newStart,newCount @@} block of a unified diff. Line numbers are
 * 1-based as in the diff; when a side's count is 0 its start is the line <em>after which</em> the
 * change sits (0 = the top of the file), as git writes it.
 *
 * <pre>{@code
 * Hunk h = patch.hunks().get(0);   // @@ -3,2 +3,3 @@
 * int firstOldLine = h.oldStart(); // 3
 * }</pre>
 *
 * @param oldStart first line of the old side (see above for count 0)
 * @param oldCount number of context and removed lines
 * @param newStart first line of the new side
 * @param newCount number of context and added lines
 * @param lines    the body, in order
 */
public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<Line> lines) {

    /** What a body line does. */
    public enum Op {
        /** Present before and after ({@code ' '}). */
        CONTEXT,
        /** Removed ({@code '-'}). */
        DELETE,
        /** Added ({@code '+'}). */
        INSERT
    }

    /**
     * One body line.
     *
     * @param op   what the line does
     * @param text the line's text including its line terminator; without one only for a last line
     *             that the diff marks {@code \ No newline at end of file}
     */
    public record Line(Op op, String text) {
        public Line {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(text, "text");
        }
    }

    public Hunk {
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (oldStart < 0 || oldCount < 0 || newStart < 0 || newCount < 0) {
            throw new IllegalArgumentException("hunk line numbers and counts must not be negative");
        }
    }

    /** The hunk's header as a diff writes it, e.g. {@code @@ -3,2 +3,3 @@}. */
    public String header() {
        return "@@ -" + oldStart + "," + oldCount + " +" + newStart + "," + newCount + " @@";
    }
}
