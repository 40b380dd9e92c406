package dev.stepgym.rewards.stepsearch;

import dev.stepgym.rewards.text.PythonText;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * <p>The refit is cheap to repeat: a text's {@link TermCounts} and a gold set's {@link Golds} are
 * computed once (callers keep them), and each call is then a merge of sorted term arrays.
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

    /**
     * The term counts of one text: its distinct terms in {@link String#compareTo} order (scikit-learn's
     * feature order) and how often each occurs. Immutable by contract: the arrays are never changed.
     */
    public record TermCounts(String[] terms, int[] counts) {
        boolean isEmpty() {
            return terms.length == 0;
        }
    }

    /**
     * A gold set ready for fitting against any text: each gold's term counts, and for each term how
     * many golds hold it (the text's own occurrence is added per call). Immutable; share it freely.
     */
    public static final class Golds {
        private final TermCounts[] rows;
        private final int[][] goldsHolding;            // per gold, per term: golds holding that term
        private final Map<String, Integer> holding;    // term -> golds holding it (only looked up)
        private final double[] idf;                    // by document frequency, 1 .. 1 + |golds|

        private Golds(List<TermCounts> golds) {
            this.rows = golds.toArray(TermCounts[]::new);
            this.holding = new HashMap<>();
            for (TermCounts g : rows) {
                for (String t : g.terms()) {
                    holding.merge(t, 1, Integer::sum);
                }
            }
            this.goldsHolding = new int[rows.length][];
            for (int j = 0; j < rows.length; j++) {
                String[] terms = rows[j].terms();
                goldsHolding[j] = new int[terms.length];
                for (int k = 0; k < terms.length; k++) {
                    goldsHolding[j][k] = holding.get(terms[k]);
                }
            }
            int documents = 1 + rows.length;
            this.idf = new double[documents + 1];
            for (int df = 1; df <= documents; df++) {
                idf[df] = idf(df, documents);
            }
        }

        /** How many gold texts. */
        public int size() {
            return rows.length;
        }
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
        List<TermCounts> goldCounts = new ArrayList<>(golds.size());
        for (String gold : golds) {
            goldCounts.add(termCounts(gold));
        }
        return cosines(termCounts(text), golds(goldCounts));
    }

    /** The term counts of {@link #tokenize}'s tokens. */
    public static TermCounts termCounts(String text) {
        TreeMap<String, Integer> counts = new TreeMap<>();
        for (String token : tokenize(text)) {
            counts.merge(token, 1, Integer::sum);
        }
        String[] terms = counts.keySet().toArray(String[]::new);
        int[] n = new int[terms.length];
        int i = 0;
        for (int c : counts.values()) {
            n[i++] = c;
        }
        return new TermCounts(terms, n);
    }

    /** A gold set prepared for {@link #cosines(TermCounts, Golds)}. */
    public static Golds golds(List<TermCounts> goldCounts) {
        if (goldCounts == null) {
            throw new IllegalArgumentException("gold term counts must not be null");
        }
        return new Golds(goldCounts);
    }

    /** Cosine of a text with each gold of a prepared set, as {@link #cosines(String, List)}. */
    public static double[] cosines(TermCounts text, Golds golds) {
        double[] result = new double[golds.rows.length];
        if (text.isEmpty()) {
            return result;   // a zero row: every cosine is 0, whatever the golds hold
        }
        String[] textTerms = text.terms();
        int[] textCounts = text.counts();
        double[] textRow = new double[textTerms.length];
        double squares = 0.0;   // summed in sorted term order
        for (int i = 0; i < textTerms.length; i++) {
            double weight = textCounts[i] * golds.idf[1 + golds.holding.getOrDefault(textTerms[i], 0)];
            textRow[i] = weight;
            squares += weight * weight;
        }
        scale(textRow, Math.sqrt(squares));

        int[] matchText = new int[textTerms.length];
        int[] matchGold = new int[textTerms.length];
        for (int j = 0; j < result.length; j++) {
            String[] goldTerms = golds.rows[j].terms();
            int[] goldCounts = golds.rows[j].counts();
            int[] holding = golds.goldsHolding[j];
            double[] goldRow = new double[goldTerms.length];
            double goldSquares = 0.0;   // summed in sorted term order
            int matches = 0;
            int i = 0;
            for (int k = 0; k < goldTerms.length; k++) {
                while (i < textTerms.length && textTerms[i].compareTo(goldTerms[k]) < 0) {
                    i++;
                }
                boolean inText = i < textTerms.length && textTerms[i].equals(goldTerms[k]);
                if (inText) {
                    matchText[matches] = i;
                    matchGold[matches++] = k;
                }
                double weight = goldCounts[k] * golds.idf[holding[k] + (inText ? 1 : 0)];
                goldRow[k] = weight;
                goldSquares += weight * weight;
            }
            scale(goldRow, Math.sqrt(goldSquares));
            double dot = 0.0;   // summed in the text's sorted term order: the merge found matches in that order
            for (int m = 0; m < matches; m++) {
                dot += textRow[matchText[m]] * goldRow[matchGold[m]];
            }
            result[j] = Math.max(dot, 0.0);
        }
        return result;
    }

    private static void scale(double[] row, double norm) {
        if (norm > 0) {
            for (int i = 0; i < row.length; i++) {
                row[i] = row[i] / norm;
            }
        }
    }

    // sklearn: df += 1, n += 1, idf = log(n / df) + 1 (smooth_idf=True).
    private static double idf(int documentFrequency, int documents) {
        return Math.log((double) (documents + 1) / (documentFrequency + 1)) + 1.0;
    }
}
