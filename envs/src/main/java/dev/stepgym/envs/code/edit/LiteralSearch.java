package dev.stepgym.envs.code.edit;

import java.util.function.IntPredicate;

/**
 * Finds every occurrence of a literal string in linear time (Knuth-Morris-Pratt). {@link String#indexOf}
 * is quadratic on near misses ("aaa…ab" in "aaa…a"), which would let one anchor cost an episode seconds.
 */
final class LiteralSearch {
    private LiteralSearch() {
    }

    /**
     * Hands the start offset of each occurrence of {@code needle} in {@code text}, overlapping ones
     * included, in order, to {@code onMatch} until it answers false.
     */
    static void forEach(String text, String needle, IntPredicate onMatch) {
        int m = needle.length();
        if (m == 0) {
            throw new IllegalArgumentException("cannot search for the empty string");
        }
        int[] border = new int[m];
        for (int i = 1, k = 0; i < m; i++) {
            while (k > 0 && needle.charAt(i) != needle.charAt(k)) {
                k = border[k - 1];
            }
            if (needle.charAt(i) == needle.charAt(k)) {
                k++;
            }
            border[i] = k;
        }
        for (int i = 0, k = 0; i < text.length(); i++) {
            while (k > 0 && text.charAt(i) != needle.charAt(k)) {
                k = border[k - 1];
            }
            if (text.charAt(i) == needle.charAt(k)) {
                k++;
            }
            if (k == m) {
                if (!onMatch.test(i - m + 1)) {
                    return;
                }
                k = border[k - 1];
            }
        }
    }
}
