package dev.stepgym.envs.code.task;

import java.util.ArrayList;
import java.util.List;

/**
 * A file's lines while a patch is applied to it, hunk after hunk, with {@code git apply}'s rules
 * (apply.c, {@code find_pos} and {@code match_fragment}, without {@code --unidiff-zero},
 * {@code -C} or whitespace options):
 * <ul>
 *   <li>a hunk is looked for first where its header puts it in the file as patched so far (the
 *       new side's line), then one line after, one before, two after, two before, ... to both ends:
 *       the nearest exact match wins, so a hunk whose header is off by some lines still applies;</li>
 *   <li>its context and removed lines must match exactly, whitespace and line ends included: no
 *       fuzz (git reduces context only when asked with {@code -C});</li>
 *   <li>a hunk starting at line 0 or 1 must match at the top of the file, one without trailing
 *       context at its end;</li>
 *   <li>a hunk may not match over lines an earlier hunk wrote (overlapping hunks are refused), but
 *       hunks may come in any order.</li>
 * </ul>
 * A hunk with no context at all (a {@code diff -U0} patch) is taken as {@code git apply --unidiff-zero}
 * takes it: it is not pinned to the top or the end, and a pure insertion goes exactly where its
 * header says, since there is nothing to search for.
 */
final class PatchImage {
    private final List<String> lines;
    /** Lines written by an applied hunk: later hunks may not match over them. */
    private final List<Boolean> patched;

    PatchImage(List<String> original) {
        this.lines = new ArrayList<>(original);
        this.patched = new ArrayList<>(java.util.Collections.nCopies(original.size(), Boolean.FALSE));
    }

    String text() {
        StringBuilder out = new StringBuilder();
        lines.forEach(out::append);
        return out.toString();
    }

    /** Applies one hunk where it matches nearest its stated line; {@code where} names it in errors. */
    void apply(Hunk hunk, String where) {
        List<String> before = new ArrayList<>();
        List<String> after = new ArrayList<>();
        for (Hunk.Line line : hunk.lines()) {
            if (line.op() != Hunk.Op.INSERT) {
                before.add(line.text());
            }
            if (line.op() != Hunk.Op.DELETE) {
                after.add(line.text());
            }
        }
        int leading = 0;
        while (leading < hunk.lines().size() && hunk.lines().get(leading).op() == Hunk.Op.CONTEXT) {
            leading++;
        }
        int trailing = 0;
        while (trailing < hunk.lines().size() - leading
                && hunk.lines().get(hunk.lines().size() - 1 - trailing).op() == Hunk.Op.CONTEXT) {
            trailing++;
        }
        boolean unidiffZero = leading == 0 && trailing == 0;
        boolean matchBeginning = hunk.oldStart() == 0 || hunk.oldStart() == 1 && !unidiffZero;
        boolean matchEnd = !unidiffZero && trailing == 0;
        int stated = hunk.newCount() == 0 ? hunk.newStart() : hunk.newStart() - 1;
        stated = Math.max(0, Math.min(stated, lines.size()));
        int at = find(before, stated, matchBeginning, matchEnd);
        if (at < 0) {
            throw new IllegalArgumentException(where + ": " + whyNot(before, stated, matchBeginning, matchEnd)
                    + "; no other line matches either (offsets are tried, fuzz is not)");
        }
        for (int i = 0; i < before.size(); i++) {
            lines.remove(at);
            patched.remove(at);
        }
        lines.addAll(at, after);
        patched.addAll(at, java.util.Collections.nCopies(after.size(), Boolean.TRUE));
    }

    /** git's find_pos: the stated line, then alternately forwards and backwards, one line further each time. */
    private int find(List<String> before, int stated, boolean matchBeginning, boolean matchEnd) {
        int line = stated;
        if (matchBeginning) {
            line = 0;
        } else if (matchEnd) {
            line = Math.max(0, lines.size() - before.size());
        }
        if (before.isEmpty()) {
            // Nothing to look for: an insertion goes where it is stated (or pinned).
            return matches(before, line, matchBeginning, matchEnd) ? line : -1;
        }
        int backwards = line;
        int forwards = line;
        int current = line;
        for (int i = 0; ; i++) {
            if (matches(before, current, matchBeginning, matchEnd)) {
                return current;
            }
            while (true) {
                if (backwards == 0 && forwards == lines.size()) {
                    return -1;
                }
                if ((i & 1) == 1) {
                    if (backwards == 0) {
                        i++;
                        continue;
                    }
                    current = --backwards;
                } else {
                    if (forwards == lines.size()) {
                        i++;
                        continue;
                    }
                    current = ++forwards;
                }
                break;
            }
        }
    }

    private boolean matches(List<String> before, int at, boolean matchBeginning, boolean matchEnd) {
        if (at + before.size() > lines.size()) {
            return false;
        }
        if (matchEnd && at + before.size() != lines.size() || matchBeginning && at != 0) {
            return false;
        }
        for (int i = 0; i < before.size(); i++) {
            if (patched.get(at + i) || !lines.get(at + i).equals(before.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Why the hunk does not fit where its header puts it, in words. */
    private String whyNot(List<String> before, int stated, boolean matchBeginning, boolean matchEnd) {
        if (stated + before.size() > lines.size()) {
            return "reaches line " + (stated + before.size()) + " but the file has " + lines.size() + " lines";
        }
        for (int i = 0; i < before.size(); i++) {
            if (!lines.get(stated + i).equals(before.get(i))) {
                return "line " + (stated + i + 1) + " should be " + UnifiedDiff.quote(before.get(i)) + " but is "
                        + UnifiedDiff.quote(lines.get(stated + i));
            }
        }
        for (int i = 0; i < before.size(); i++) {
            if (patched.get(stated + i)) {
                return "overlaps lines an earlier hunk changed (line " + (stated + i + 1) + ")";
            }
        }
        if (matchBeginning && stated != 0) {
            return "starts at line 1, so it must match at the top of the file";
        }
        if (matchEnd) {
            return "has no trailing context, so it must match at the end of the file";
        }
        return "does not match at line " + (stated + 1);
    }
}
