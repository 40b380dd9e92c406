package dev.stepgym.rewards.stepsearch;

import dev.stepgym.rewards.text.PythonText;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Cosine similarity of one text against each gold text under a TF-IDF model fitted on just those
 * texts, as scikit-learn's {@code TfidfVectorizer()} with all defaults does it: lower-case, tokens are
 * maximal runs of two or more word characters (pattern {@code (?u)\b\w\w+\b}, so one-character tokens
 * vanish), raw counts, smoothed idf {@code ln((1+n)/(1+df)) + 1} over the {@code n = 1 + |golds|}
 * texts, rows scaled to unit L2 norm. StepSearch refits on every call, so the idf of a term depends on
 * the gold set: Lucene analyzers and corpus-level idf would give other numbers.
 *
 * <p>Every sum runs over the terms in sorted order (scikit-learn's feature order), never over a
 * hash-ordered map: floating-point addition is not associative, so a hash order would change the
 * last digits with the order the tokens came in, and from one JVM run to the next.
 *
 * <p>A text with no tokens has a zero row and cosine 0. When no text has a token, scikit-learn raises
 * "empty vocabulary"; here every cosine is 0 instead, so a reward never fails on odd input.
 *
 * <pre>{@code
 * TfidfCosine.cosines("paris france", List.of("paris is in france", "berlin"))   // [0.6053..., 0.0]
 * }</pre>
 */
public final class TfidfCosine {
    private TfidfCosine() {
    }

    /** scikit-learn's default analyzer: lower-case, then every maximal run of ≥ 2 word characters. */
    public static List<String> tokenize(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        String lowered = PythonText.lower(text);
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < lowered.length()) {
            int cp = lowered.codePointAt(i);
            if (!PythonText.isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            int length = 0;
            while (i < lowered.length() && PythonText.isWordChar(lowered.codePointAt(i))) {
                i += Character.charCount(lowered.codePointAt(i));
                length++;
            }
            // \w\w+ between word boundaries: the whole run, and only if it has two code points or more.
            if (length >= 2) {
                tokens.add(lowered.substring(start, i));
            }
        }
        return tokens;
    }

    /** Cosine of {@code text} with each of {@code golds}, each clipped to {@code >= 0}; one entry per gold. */
    public static double[] cosines(String text, List<String> golds) {
        if (golds == null) {
            throw new IllegalArgumentException("gold text list must not be null");
        }
        List<SortedMap<String, Integer>> goldCounts = new ArrayList<>(golds.size());
        for (String gold : golds) {
            goldCounts.add(termCounts(gold));
        }
        return cosines(termCounts(text), goldCounts);
    }

    /**
     * Term counts of {@link #tokenize}, in sorted term order; callers that score many texts against the
     * same golds count them once (and must keep the order: wrap, never copy into a hash map).
     */
    static SortedMap<String, Integer> termCounts(String text) {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (String token : tokenize(text)) {
            counts.merge(token, 1, Integer::sum);
        }
        return counts;
    }

    static double[] cosines(SortedMap<String, Integer> textCounts, List<SortedMap<String, Integer>> goldCounts) {
        double[] result = new double[goldCounts.size()];
        if (textCounts.isEmpty()) {
            return result;   // a zero row: every cosine is 0, whatever the golds hold
        }
        int documents = 1 + goldCounts.size();
        // Integer counts, only looked up: a hash map is safe here.
        Map<String, Integer> documentFrequency = new HashMap<>();
        textCounts.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum));
        goldCounts.forEach(g -> g.keySet().forEach(t -> documentFrequency.merge(t, 1, Integer::sum)));

        SortedMap<String, Double> textRow = unitRow(textCounts, documentFrequency, documents);
        for (int j = 0; j < result.length; j++) {
            SortedMap<String, Double> goldRow = unitRow(goldCounts.get(j), documentFrequency, documents);
            double dot = 0.0;   // summed in the text's sorted term order
            for (Map.Entry<String, Double> e : textRow.entrySet()) {
                Double w = goldRow.get(e.getKey());
                if (w != null) {
                    dot += e.getValue() * w;
                }
            }
            result[j] = Math.max(dot, 0.0);
        }
        return result;
    }

    private static SortedMap<String, Double> unitRow(SortedMap<String, Integer> counts, Map<String, Integer> df, int documents) {
        SortedMap<String, Double> row = new TreeMap<>();
        double squares = 0.0;   // summed in sorted term order
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            double weight = e.getValue() * idf(df.get(e.getKey()), documents);
            row.put(e.getKey(), weight);
            squares += weight * weight;
        }
        double norm = Math.sqrt(squares);
        if (norm > 0) {
            row.replaceAll((term, weight) -> weight / norm);
        }
        return row;
    }

    // sklearn: df += 1, n += 1, idf = log(n / df) + 1 (smooth_idf=True).
    private static double idf(int documentFrequency, int documents) {
        return Math.log((double) (documents + 1) / (documentFrequency + 1)) + 1.0;
    }
}
