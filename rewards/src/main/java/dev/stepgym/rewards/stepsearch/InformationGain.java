package dev.stepgym.rewards.stepsearch;

import dev.stepgym.rewards.cache.LruCache;
import dev.stepgym.rewards.stepsearch.TfidfCosine.Golds;
import dev.stepgym.rewards.stepsearch.TfidfCosine.TermCounts;
import dev.stepgym.rewards.text.AnswerText;

import java.util.List;

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
 * <p>Mutable, one instance per episode; {@link #copy()} for a forked episode. The term counts of
 * normalised texts and the prepared gold sets are pure functions of their text, kept in memory shared
 * by every episode of the process: the same corpus documents come back in many episodes' steps.
 *
 * <pre>{@code
 * InformationGain ig = new InformationGain(List.of("Paris is the capital of France."));
 * ig.step(List.of("Paris is the capital of France"));   // 1.0, up to floating-point rounding
 * ig.step(List.of("Paris is the capital of France"));   // 0.0: nothing new
 * }</pre>
 */
public final class InformationGain {
    /** Normalised texts' term counts: corpus documents recur across episodes and steps. */
    private static final LruCache<String, TermCounts> TEXT_TERMS = new LruCache<>(8_192);
    /** Prepared gold sets, by their raw paragraphs: a task's golds recur in all its episodes. */
    private static final LruCache<List<String>, Golds> GOLD_SETS = new LruCache<>(1_024);

    /** The normalised gold paragraphs, prepared for fitting: immutable, shared by copies. */
    private final Golds golds;
    private final double[] best;

    /** @param goldParagraphs the gold support paragraphs' text (MuSiQue {@code paragraph_text}), raw */
    public InformationGain(List<String> goldParagraphs) {
        if (goldParagraphs == null) {
            throw new IllegalArgumentException("gold paragraph list must not be null");
        }
        if (goldParagraphs.stream().anyMatch(java.util.Objects::isNull)) {
            throw new IllegalArgumentException("gold paragraphs must not be null");
        }
        this.golds = GOLD_SETS.get(List.copyOf(goldParagraphs),
                paragraphs -> TfidfCosine.golds(paragraphs.stream().map(InformationGain::normalizedTerms).toList()));
        this.best = new double[golds.size()];
    }

    private static TermCounts normalizedTerms(String text) {
        return TEXT_TERMS.get(text, t -> TfidfCosine.termCounts(AnswerText.normalize(t)));
    }

    private InformationGain(InformationGain other) {
        this.golds = other.golds;
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
            if (doc == null) {
                throw new IllegalArgumentException("retrieved document must not be null");
            }
            double[] cosines = TfidfCosine.cosines(normalizedTerms(doc), golds);
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
