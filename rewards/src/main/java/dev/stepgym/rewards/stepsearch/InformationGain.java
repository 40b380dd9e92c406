package dev.stepgym.rewards.stepsearch;

import dev.stepgym.rewards.text.AnswerText;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * StepSearch's step information gain for one episode: how much the documents retrieved in a search
 * step raise the best-so-far TF-IDF match of each gold support paragraph.
 *
 * <pre>
 * cur_j  = max over d in D_t of cos_tfidf(normalize(d), normalize(gold_j))   (0 when D_t is empty)
 * IG_t   = (1/m) * sum_j max(cur_j - best_j, 0)
 * best_j = max(best_j, cur_j)
 * </pre>
 *
 * Only improvements count, so retrieving the same gold paragraph again earns nothing. With no gold
 * paragraphs ({@code m = 0}) every step gains 0; the reference then emits no step scores at all
 * (redundancy penalty included), which a caller can mirror through {@link #goldCount()}.
 *
 * <p>Mutable, one instance per episode; {@link #copy()} for a forked episode.
 *
 * <pre>{@code
 * InformationGain ig = new InformationGain(List.of("Paris is the capital of France."));
 * ig.step(List.of("Paris is the capital of France"));   // 1.0, up to floating-point rounding
 * ig.step(List.of("Paris is the capital of France"));   // 0.0: nothing new
 * }</pre>
 */
public final class InformationGain {
    /**
     * Term counts of the normalised gold paragraphs, in sorted term order: immutable, shared by copies.
     * Never {@code Map.copyOf}: its iteration order is salted per JVM, and the TF-IDF sums follow the
     * map's order, so the same input would give different last digits from run to run.
     */
    private final List<SortedMap<String, Integer>> goldCounts;
    private final double[] best;

    /** @param goldParagraphs the gold support paragraphs' text (MuSiQue {@code paragraph_text}), raw */
    public InformationGain(List<String> goldParagraphs) {
        if (goldParagraphs == null) {
            throw new IllegalArgumentException("gold paragraph list must not be null");
        }
        List<SortedMap<String, Integer>> counts = new ArrayList<>(goldParagraphs.size());
        for (String paragraph : goldParagraphs) {
            counts.add(Collections.unmodifiableSortedMap(TfidfCosine.termCounts(AnswerText.normalize(paragraph))));
        }
        this.goldCounts = List.copyOf(counts);
        this.best = new double[counts.size()];
    }

    private InformationGain(InformationGain other) {
        this.goldCounts = other.goldCounts;
        this.best = other.best.clone();
    }

    /** Scores one search step's retrieved documents (raw text, normalised here) and records them. */
    public double step(List<String> retrievedDocs) {
        if (retrievedDocs == null) {
            throw new IllegalArgumentException("retrieved document list must not be null");
        }
        int m = best.length;
        if (m == 0) {
            return 0.0;
        }
        double[] current = new double[m];
        for (String doc : retrievedDocs) {
            double[] cosines = TfidfCosine.cosines(TfidfCosine.termCounts(AnswerText.normalize(doc)), goldCounts);
            for (int j = 0; j < m; j++) {
                current[j] = Math.max(current[j], cosines[j]);
            }
        }
        double gain = 0.0;
        for (int j = 0; j < m; j++) {
            gain += Math.max(current[j] - best[j], 0.0);
            best[j] = Math.max(best[j], current[j]);
        }
        return gain / m;
    }

    /** Best match so far per gold paragraph, in the constructor's order (a copy). */
    public double[] coverage() {
        return best.clone();
    }

    /** {@code m}, the number of gold paragraphs. */
    public int goldCount() {
        return best.length;
    }

    /** An independent tracker in the same state, for a forked episode. */
    public InformationGain copy() {
        return new InformationGain(this);
    }
}
