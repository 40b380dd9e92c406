package dev.stepgym.rewards.webshop;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The matching-block count of Python's {@code difflib.SequenceMatcher(None, a, b)} (Ratcliff-Obershelp:
 * greedy longest common block, applied recursively left and right), including difflib's
 * "autojunk" rule for sequences of 200 or more elements. Sequences are Unicode code points, as Python
 * strings are.
 */
final class SequenceMatcher {
    private static final int[] NOTHING = new int[0];

    private SequenceMatcher() {
    }

    /** {@code ratio() = 2M / (|a| + |b|)}, 1.0 when both are empty (difflib's convention). */
    static double ratio(int[] a, int[] b) {
        int total = a.length + b.length;
        return total == 0 ? 1.0 : 2.0 * matches(a, b) / total;
    }

    /** M: the summed size of difflib's matching blocks. */
    static int matches(int[] a, int[] b) {
        Map<Integer, int[]> b2j = indexOf(b);
        int[] j2len = new int[b.length + 1];
        int[] newJ2len = new int[b.length + 1];
        int matched = 0;
        ArrayDeque<int[]> queue = new ArrayDeque<>();
        queue.push(new int[]{0, a.length, 0, b.length});
        while (!queue.isEmpty()) {
            int[] range = queue.pop();
            int alo = range[0], ahi = range[1], blo = range[2], bhi = range[3];
            int[] m = longestMatch(a, b, b2j, alo, ahi, blo, bhi, j2len, newJ2len);
            int i = m[0], j = m[1], k = m[2];
            if (k > 0) {
                matched += k;
                if (alo < i && blo < j) {
                    queue.push(new int[]{alo, i, blo, j});
                }
                if (i + k < ahi && j + k < bhi) {
                    queue.push(new int[]{i + k, ahi, j + k, bhi});
                }
            }
        }
        return matched;
    }

    /** b2j: element → ascending positions in b, minus "popular" elements when b has ≥ 200 elements. */
    private static Map<Integer, int[]> indexOf(int[] b) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int element : b) {
            counts.merge(element, 1, Integer::sum);
        }
        Map<Integer, int[]> b2j = new HashMap<>();
        Map<Integer, Integer> fill = new HashMap<>();
        int popularAbove = b.length >= 200 ? b.length / 100 + 1 : Integer.MAX_VALUE;
        for (int j = 0; j < b.length; j++) {
            int count = counts.get(b[j]);
            if (count > popularAbove) {
                continue; // autojunk: popular elements never start a match, but extension still crosses them
            }
            int[] positions = b2j.computeIfAbsent(b[j], e -> new int[count]);
            positions[fill.merge(b[j], 1, Integer::sum) - 1] = j;
        }
        return b2j;
    }

    /** difflib's find_longest_match with no junk predicate: earliest longest block in a, then in b. */
    private static int[] longestMatch(int[] a, int[] b, Map<Integer, int[]> b2j, int alo, int ahi, int blo, int bhi,
                                      int[] j2len, int[] newJ2len) {
        int besti = alo, bestj = blo, bestsize = 0;
        // j2len[j + 1] holds the length of the match ending at a[i-1], b[j]; arrays are cleared as we go.
        int[] touched = new int[Math.max(1, bhi - blo)];
        int touchedCount = 0;
        int[] newTouched = new int[touched.length];
        for (int i = alo; i < ahi; i++) {
            int newCount = 0;
            for (int j : b2j.getOrDefault(a[i], NOTHING)) {
                if (j < blo) {
                    continue;
                }
                if (j >= bhi) {
                    break;
                }
                int k = j2len[j] + 1;
                newJ2len[j + 1] = k;
                newTouched[newCount++] = j + 1;
                if (k > bestsize) {
                    besti = i - k + 1;
                    bestj = j - k + 1;
                    bestsize = k;
                }
            }
            for (int t = 0; t < touchedCount; t++) {
                j2len[touched[t]] = 0;
            }
            int[] swap = j2len;
            j2len = newJ2len;
            newJ2len = swap;
            int[] swapTouched = touched;
            touched = newTouched;
            newTouched = swapTouched;
            touchedCount = newCount;
        }
        for (int t = 0; t < touchedCount; t++) {
            j2len[touched[t]] = 0;
        }
        // The arrays may have been swapped an odd number of times: both are all zero again now.
        while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) {
            besti--;
            bestj--;
            bestsize++;
        }
        while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize]) {
            bestsize++;
        }
        return new int[]{besti, bestj, bestsize};
    }
}
