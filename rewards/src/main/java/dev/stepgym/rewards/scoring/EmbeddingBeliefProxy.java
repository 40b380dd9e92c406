package dev.stepgym.rewards.scoring;

import dev.stepgym.rewards.embed.TextEmbedder;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A <b>proxy</b> for IGPO's belief {@code p_t}, used when no language model is configured: how well
 * the evidence gathered so far covers the gold supporting facts, by sentence-embedding similarity.
 * It is not IGPO's quantity (no language model reads the gold answer); a reward built on it measures
 * evidence coverage, and its source {@code proxy:minilm-evidence} says so in every step's breakdown.
 *
 * <pre>
 * p = mean over supporting facts f of ( max over evidence e of max(0, cos(embed(e), embed(f))) )
 * p = 0 when there is no evidence yet
 * </pre>
 *
 * <pre>{@code
 * try (TextEmbedder embedder = new MiniLmEmbedder()) {
 *     double p = new EmbeddingBeliefProxy(embedder).belief(query).join();
 * }
 * }</pre>
 *
 * <p>The embedder belongs to the caller, which may share it with other scorers; {@link #close()}
 * leaves it open. Work runs on the calling thread and the future returned is already complete.
 */
public final class EmbeddingBeliefProxy implements BeliefScorer {
    /** What this scorer's components carry as their source: it is a proxy, and says so. */
    public static final String SOURCE = "proxy:minilm-evidence";

    private final TextEmbedder embedder;

    public EmbeddingBeliefProxy(TextEmbedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public String source() {
        return SOURCE;
    }

    @Override
    public CompletableFuture<Double> belief(BeliefQuery query) {
        List<String> facts = query.supportingFacts();
        List<String> evidence = query.evidence();
        if (facts.isEmpty()) {
            return CompletableFuture.failedFuture(new BeliefUnavailableException(
                    "the task has no supporting facts, so the evidence proxy has nothing to compare evidence with"));
        }
        if (evidence.isEmpty()) {
            return CompletableFuture.completedFuture(0.0);
        }
        try {
            List<String> texts = new ArrayList<>(facts.size() + evidence.size());
            texts.addAll(facts);
            texts.addAll(evidence);
            float[][] vectors = embedder.embed(texts);
            if (vectors.length != texts.size()) {
                throw new IllegalStateException("embedder " + embedder.name() + " returned " + vectors.length
                        + " vectors for " + texts.size() + " texts");
            }
            double sum = 0;
            for (int f = 0; f < facts.size(); f++) {
                double best = 0;
                for (int e = facts.size(); e < texts.size(); e++) {
                    best = Math.max(best, dot(vectors[f], vectors[e]));
                }
                sum += best;
            }
            // Rounding can push a unit-vector dot product a hair past 1.
            return CompletableFuture.completedFuture(Math.min(1.0, sum / facts.size()));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new BeliefUnavailableException(
                    "embedding the evidence with " + embedder.name() + " failed: " + e.getMessage(), e));
        }
    }

    /** Cosine similarity: the embedder's vectors are unit length. */
    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }
}
