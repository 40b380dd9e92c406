package dev.stepgym.rewards.scoring;

import dev.stepgym.rewards.embed.BatchingEmbedder;
import dev.stepgym.rewards.embed.CachingEmbedder;
import dev.stepgym.rewards.embed.MiniLmEmbedder;
import dev.stepgym.rewards.embed.PinnedEmbedder;
import dev.stepgym.rewards.embed.TextEmbedder;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The models of this process, loaded once and shared: the MiniLM sentence embedder (the searchqa
 * dense retriever and the evidence proxy both use it) and one {@link BeliefScorer} per
 * {@link ScorerConfig}. A reward pipeline is bound per episode when the episode names its own, so
 * the scorers live here, not in the pipeline: a second episode with the same scorer settings
 * reuses the loaded model and shares its micro-batches with the first.
 *
 * <p>At most {@link #MAX_SCORERS} scorer configurations are admitted (each holds an HTTP client or
 * a model and a batching thread for the life of the process), so episodes that each name another
 * endpoint cannot exhaust the server.
 *
 * <pre>{@code
 * SharedModels.admit(config);                                   // when a pipeline is bound
 * SharedModels.beliefScorer(config).belief(query);              // when a step is scored
 * }</pre>
 */
public final class SharedModels {
    /** Concurrent single embedding requests are gathered into batches of at most this many. */
    public static final int EMBED_BATCH = 32;
    public static final Duration EMBED_WAIT = Duration.ofMillis(2);
    /** Texts whose vectors are kept: gold passages and snippets recur across the episodes of a question. */
    public static final int EMBED_CACHE = 20_000;
    /** The most scorer configurations one process builds. */
    public static final int MAX_SCORERS = 16;

    private static MiniLmEmbedder model;
    private static CachingEmbedder embedder;
    private static PinnedEmbedder pinned;
    private static final Set<ScorerConfig> ADMITTED = new LinkedHashSet<>();
    private static final Map<ScorerConfig, BeliefScorer> SCORERS = new LinkedHashMap<>();

    private SharedModels() {
    }

    /** The MiniLM model itself, for bulk work in its own large batches (embedding a corpus). */
    public static synchronized MiniLmEmbedder miniLmModel() {
        if (model == null) {
            model = MiniLmEmbedder.load();
        }
        return model;
    }

    /**
     * MiniLM for single texts from many threads: texts pinned by {@link #pinMiniLm} are answered
     * without the model, the others batched across callers, recurring ones cached.
     */
    public static synchronized TextEmbedder miniLm() {
        if (pinned == null) {
            embedder = new CachingEmbedder(new BatchingEmbedder(miniLmModel(), EMBED_BATCH, EMBED_WAIT), EMBED_CACHE);
            pinned = new PinnedEmbedder(embedder);
        }
        return pinned;
    }

    /**
     * Keeps MiniLM vectors computed ahead of time (an environment's corpus texts) for the life of
     * the process, so steps that show those texts never wait for the model.
     */
    public static void pinMiniLm(java.util.List<String> texts, float[][] vectors) {
        miniLm();
        PinnedEmbedder target;
        synchronized (SharedModels.class) {
            target = pinned;
        }
        target.pin(texts, vectors);
    }

    /** Forgets the cached vectors, so a benchmark can measure uncached embedding calls. */
    public static synchronized void clearEmbeddingCache() {
        if (embedder != null) {
            embedder.clear();
        }
    }

    /**
     * Admits a scorer configuration without building its scorer.
     *
     * @throws IllegalArgumentException when {@link #MAX_SCORERS} other configurations are in use
     */
    public static synchronized void admit(ScorerConfig config) {
        if (!ADMITTED.contains(config) && ADMITTED.size() >= MAX_SCORERS) {
            throw new IllegalArgumentException("this process already serves " + MAX_SCORERS
                    + " belief scorer configurations; reuse one of them");
        }
        ADMITTED.add(config);
    }

    /**
     * The scorer of an admitted configuration, built on first use.
     *
     * @throws IllegalArgumentException when the configured model or directory cannot be used
     */
    public static synchronized BeliefScorer beliefScorer(ScorerConfig config) {
        admit(config);
        BeliefScorer scorer = SCORERS.get(config);
        if (scorer == null) {
            scorer = BeliefScorers.create(config, SharedModels::miniLm);
            SCORERS.put(config, scorer);
        }
        return scorer;
    }
}
