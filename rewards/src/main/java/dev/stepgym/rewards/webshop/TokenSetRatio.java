package dev.stepgym.rewards.webshop;

import dev.stepgym.rewards.text.PythonText;

import java.util.Comparator;
import java.util.TreeSet;

/**
 * thefuzz 0.19.0 {@code fuzz.token_set_ratio(a, b)} without python-Levenshtein, i.e. on top of
 * {@code difflib.SequenceMatcher} (see docs/webshop-reward.md §2.5).
 *
 * <pre>{@code
 * TokenSetRatio.score("x-large", "large")              == 100   // subset of words
 * TokenSetRatio.score("x-large", "('size', 'large')")  == 83
 * }</pre>
 */
public final class TokenSetRatio {
    /** WebShop counts a match when the score is strictly above this. */
    public static final int MATCH_THRESHOLD = 85;

    /** Python sorts strings by code point; Java's compareTo uses UTF-16 units, so compare code points. */
    private static final Comparator<String> BY_CODE_POINT = (x, y) -> {
        int i = 0, j = 0;
        while (i < x.length() && j < y.length()) {
            int cx = x.codePointAt(i), cy = y.codePointAt(j);
            if (cx != cy) {
                return Integer.compare(cx, cy);
            }
            i += Character.charCount(cx);
            j += Character.charCount(cy);
        }
        return Integer.compare(x.length() - i, y.length() - j);
    };

    private TokenSetRatio() {
    }

    /** The integer score 0..100; 0 when either side is null or empty after processing. */
    public static int score(String a, String b) {
        if (a == null || b == null) {
            return 0;
        }
        String p1 = fullProcess(a);
        String p2 = fullProcess(b);
        if (p1.isEmpty() || p2.isEmpty()) {
            return 0;
        }
        TreeSet<String> t1 = tokens(p1);
        TreeSet<String> t2 = tokens(p2);
        TreeSet<String> common = new TreeSet<>(BY_CODE_POINT);
        common.addAll(t1);
        common.retainAll(t2);
        TreeSet<String> only1 = new TreeSet<>(BY_CODE_POINT);
        only1.addAll(t1);
        only1.removeAll(t2);
        TreeSet<String> only2 = new TreeSet<>(BY_CODE_POINT);
        only2.addAll(t2);
        only2.removeAll(t1);
        String sect = String.join(" ", common);
        String combined1 = PythonText.strip(sect + " " + String.join(" ", only1));
        String combined2 = PythonText.strip(sect + " " + String.join(" ", only2));
        sect = PythonText.strip(sect);
        return Math.max(ratio(sect, combined1), Math.max(ratio(sect, combined2), ratio(combined1, combined2)));
    }

    /** Whether WebShop would count the pair as matched ({@code score > 85}). */
    public static boolean matches(String a, String b) {
        return score(a, b) > MATCH_THRESHOLD;
    }

    /** thefuzz's {@code fuzz.ratio}: equal → 100, an empty side → 0, else round-half-even of 100·difflib ratio. */
    static int ratio(String x, String y) {
        if (x.equals(y)) {
            return 100;
        }
        if (x.isEmpty() || y.isEmpty()) {
            return 0;
        }
        double r = SequenceMatcher.ratio(x.codePoints().toArray(), y.codePoints().toArray());
        return (int) Math.rint(100 * r); // Python's round() rounds half to even, as rint does
    }

    /**
     * thefuzz's {@code full_process(s, force_ascii=True)}: drop U+0080..U+00FF, turn every non-word
     * character into a space, lower-case, strip.
     */
    static String fullProcess(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp >= 0x80 && cp <= 0xFF) {
                return;
            }
            if (PythonText.isWordChar(cp)) {
                out.appendCodePoint(cp);
            } else {
                out.append(' ');
            }
        });
        return PythonText.strip(PythonText.lower(out.toString()));
    }

    /** {@code set(processed.split())}. */
    private static TreeSet<String> tokens(String processed) {
        TreeSet<String> set = new TreeSet<>(BY_CODE_POINT);
        set.addAll(PythonText.split(processed));
        return set;
    }
}
