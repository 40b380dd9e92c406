package dev.stepgym.rewards.text;

import dev.stepgym.rewards.cache.LruCache;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Token-overlap answer scores. {@link #bag} (SQuAD, StepSearch) counts repeated tokens with their
 * multiplicity over {@link AnswerText#normalize} tokens; {@link #set} (IGPO) uses unique tokens of
 * {@link AnswerText#igpoNormalize}. On {@code pred = "paris paris"}, {@code gold = "paris"}:
 * bag F1 = 2/3 (precision 1/2), set F1 = 1.
 *
 * <p>Scores are unrounded; StepSearch rounds with {@link PythonRounding#round4}.
 *
 * <pre>{@code
 * TokenF1.bag("the big apple", "big apple pie")           // 0.8
 * TokenF1.maxBag("NYC", List.of("New York", "NYC"))        // 1.0
 * }</pre>
 */
public final class TokenF1 {
    /** Normalised tokens of short texts: queries, key phrasings and answers recur across steps and episodes. */
    private static final LruCache<String, List<String>> BAG_TOKENS = new LruCache<>(8_192);
    /** Texts longer than this are tokenised every time rather than kept. */
    private static final int MAX_KEPT_CHARS = 2_000;

    private TokenF1() {
    }

    private static List<String> bagTokens(String text) {
        if (text == null || text.length() > MAX_KEPT_CHARS) {
            return PythonText.split(AnswerText.normalize(text));
        }
        return BAG_TOKENS.get(text, t -> List.copyOf(PythonText.split(AnswerText.normalize(t))));
    }

    /** SQuAD multiset F1; 0 when nothing overlaps (including an empty side). */
    public static double bag(String prediction, String gold) {
        List<String> predTokens = bagTokens(prediction);
        List<String> goldTokens = bagTokens(gold);
        Map<String, Integer> goldCounts = new HashMap<>();
        goldTokens.forEach(t -> goldCounts.merge(t, 1, Integer::sum));
        int overlap = 0;
        for (String token : predTokens) {
            Integer left = goldCounts.get(token);
            if (left != null && left > 0) {
                overlap++;
                goldCounts.put(token, left - 1);
            }
        }
        if (overlap == 0) {
            return 0.0;
        }
        return f1((double) overlap / predTokens.size(), (double) overlap / goldTokens.size());
    }

    /** IGPO set F1; 0 when either side has no tokens or nothing overlaps. */
    public static double set(String prediction, String gold) {
        Set<String> predTokens = new HashSet<>(PythonText.split(AnswerText.igpoNormalize(prediction)));
        Set<String> goldTokens = new HashSet<>(PythonText.split(AnswerText.igpoNormalize(gold)));
        if (predTokens.isEmpty() || goldTokens.isEmpty()) {
            return 0.0;
        }
        long common = predTokens.stream().filter(goldTokens::contains).count();
        double precision = (double) common / predTokens.size();
        double recall = (double) common / goldTokens.size();
        return precision + recall > 0 ? f1(precision, recall) : 0.0;
    }

    /** SQuAD exact match: equal after {@link AnswerText#normalize}. */
    public static boolean exactMatch(String prediction, String gold) {
        return AnswerText.normalize(prediction).equals(AnswerText.normalize(gold));
    }

    /** Best {@link #bag} over gold alternatives; 0 for an empty list. */
    public static double maxBag(String prediction, List<String> golds) {
        requireGolds(golds);
        return golds.stream().mapToDouble(g -> bag(prediction, g)).max().orElse(0.0);
    }

    /** Best {@link #set} over gold alternatives; 0 for an empty list. */
    public static double maxSet(String prediction, List<String> golds) {
        requireGolds(golds);
        return golds.stream().mapToDouble(g -> set(prediction, g)).max().orElse(0.0);
    }

    /** Whether any gold alternative is an {@link #exactMatch}. */
    public static boolean anyExactMatch(String prediction, List<String> golds) {
        requireGolds(golds);
        return golds.stream().anyMatch(g -> exactMatch(prediction, g));
    }

    private static void requireGolds(List<String> golds) {
        if (golds == null) {
            throw new IllegalArgumentException("gold answer list must not be null");
        }
    }

    // Same operation order as the Python references, 2 * (p * r) / (p + r), for bit-equal results.
    private static double f1(double precision, double recall) {
        return 2 * (precision * recall) / (precision + recall);
    }
}
