package dev.stepgym.envs.code.task;

import java.util.ArrayList;
import java.util.List;

/**
 * A line-level edit script between two texts: longest common subsequence on the part between the
 * common prefix and suffix. Past {@link #MAX_TABLE_CELLS} the middle becomes one delete-all /
 * insert-all block, which is still a correct diff, so memory stays bounded on huge inputs.
 */
final class LineDiff {
    /** 4M cells = 16 MiB of ints: enough for two 2,000-line files that differ everywhere. */
    static final long MAX_TABLE_CELLS = 4_000_000L;

    record Edit(Hunk.Op op, String text) {
    }

    private LineDiff() {
    }

    /** Splits {@code text} into lines that keep their {@code \n}; the last may lack one. */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            out.add(text.substring(start, end));
            start = end;
        }
        return out;
    }

    static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> out = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < prefix; i++) {
            out.add(new Edit(Hunk.Op.CONTEXT, a.get(i)));
        }
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), out);
        for (int i = a.size() - suffix; i < a.size(); i++) {
            out.add(new Edit(Hunk.Op.CONTEXT, a.get(i)));
        }
        return out;
    }

    private static void middle(List<String> a, List<String> b, List<Edit> out) {
        int n = a.size();
        int m = b.size();
        if ((long) (n + 1) * (m + 1) > MAX_TABLE_CELLS) {
            a.forEach(line -> out.add(new Edit(Hunk.Op.DELETE, line)));
            b.forEach(line -> out.add(new Edit(Hunk.Op.INSERT, line)));
            return;
        }
        // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..].
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                out.add(new Edit(Hunk.Op.CONTEXT, a.get(i++)));
                j++;
            } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
                // Ties go to the deletion so removed lines print before added ones, as git does.
                out.add(new Edit(Hunk.Op.DELETE, a.get(i++)));
            } else {
                out.add(new Edit(Hunk.Op.INSERT, b.get(j++)));
            }
        }
    }
}
