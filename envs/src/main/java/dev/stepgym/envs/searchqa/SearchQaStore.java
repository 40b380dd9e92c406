package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.Bm25Retriever;
import dev.stepgym.envs.searchqa.retrieval.CachingRetriever;
import dev.stepgym.envs.searchqa.retrieval.DenseRetriever;
import dev.stepgym.envs.searchqa.retrieval.HybridRetriever;
import dev.stepgym.envs.searchqa.retrieval.Retriever;
import dev.stepgym.envs.searchqa.retrieval.RetrieverKind;
import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.HotpotQaLoader;
import dev.stepgym.envs.searchqa.world.MusiqueLoader;
import dev.stepgym.envs.searchqa.world.WorldGenerator;
import dev.stepgym.envs.searchqa.world.WorldSize;
import dev.stepgym.protocol.env.EnvSettings;
import dev.stepgym.rewards.embed.TextEmbedder;
import dev.stepgym.rewards.scoring.BeliefScorer;
import dev.stepgym.rewards.scoring.ScorerConfig;
import dev.stepgym.rewards.scoring.SharedModels;

import java.util.ArrayList;
import java.util.List;

/**
 * What every episode of one factory shares: the corpus and its retrieval indexes. The BM25 index is
 * built at open; the dense index on first use (embedding the corpus takes several seconds), then
 * reused by every episode. The MiniLM model is the process's ({@link SharedModels}): the belief
 * proxy of the reward layer uses the same one. Thread-safe.
 */
public final class SearchQaStore implements AutoCloseable {

    private final Corpus corpus;
    private final SearchQaSettings settings;
    /** Queries remembered per retriever kind. */
    static final int REMEMBERED_QUERIES = 4_096;

    private final Bm25Retriever bm25;
    private final java.util.Map<RetrieverKind, CachingRetriever> remembered = new java.util.concurrent.ConcurrentHashMap<>();
    private DenseRetriever dense;
    private HybridRetriever hybrid;
    private volatile boolean closed;   // read without the lock by retriever()
    private java.util.concurrent.CompletableFuture<Integer> evidenceVectors;

    SearchQaStore(Corpus corpus, SearchQaSettings settings) {
        this.corpus = corpus;
        this.settings = settings;
        this.bm25 = new Bm25Retriever(corpus);
    }

    /** Generates the world, or loads the user's HotpotQA or MuSiQue file, as the settings say. */
    public static SearchQaStore open(SearchQaSettings settings) {
        Corpus corpus;
        if (settings.hotpotQaFile() != null) {
            corpus = HotpotQaLoader.load(settings.hotpotQaFile(), settings.loadedSplit());
        } else if (settings.musiqueFile() != null) {
            corpus = MusiqueLoader.load(settings.musiqueFile(), settings.loadedSplit());
        } else {
            corpus = WorldGenerator.generate(settings.worldSeed(), settings.smallWorld() ? WorldSize.small() : WorldSize.DEFAULT);
        }
        return new SearchQaStore(corpus, settings);
    }

    public Corpus corpus() {
        return corpus;
    }

    public SearchQaSettings settings() {
        return settings;
    }

    /**
     * The retriever of a kind, built on first use, behind a memory of its last
     * {@value #REMEMBERED_QUERIES} queries ({@link CachingRetriever}): episodes repeat queries.
     */
    public Retriever retriever(RetrieverKind kind) {
        // Called on every search step of every episode: a concurrent map, not the store's lock.
        requireOpen();
        return remembered.computeIfAbsent(kind, k -> new CachingRetriever(switch (k) {
            case BM25 -> bm25;
            case DENSE -> dense();
            case HYBRID -> hybrid();
        }, REMEMBERED_QUERIES));
    }

    private synchronized DenseRetriever dense() {
        requireOpen();
        if (dense == null) {
            TextEmbedder queries = embedder();
            // The corpus goes through the model in its own large batches; queries are batched across episodes.
            dense = new DenseRetriever(corpus, queries,
                    DocumentVectorCache.loadOrCompute(corpus, SharedModels.miniLmModel(), EnvSettings.cacheDirectory()));
        }
        return dense;
    }

    private synchronized HybridRetriever hybrid() {
        requireOpen();
        if (hybrid == null) {
            hybrid = new HybridRetriever(bm25, dense());
        }
        return hybrid;
    }

    /**
     * Starts, once, embedding the corpus's evidence texts ({@link EvidenceVectors}) on a background
     * thread, read from the on-disk cache when an earlier run stored them, and pins them in the
     * shared embedder; steps before it is done embed their texts as they come. Nothing when the
     * setting {@code evidence_vectors} is false. The future completes with the number of texts pinned.
     */
    public synchronized java.util.concurrent.CompletableFuture<Integer> warmEvidenceVectors() {
        requireOpen();
        if (evidenceVectors == null) {
            if (!settings.evidenceVectors()) {
                evidenceVectors = java.util.concurrent.CompletableFuture.completedFuture(0);
            } else {
                evidenceVectors = new java.util.concurrent.CompletableFuture<>();
                Thread worker = new Thread(this::pinEvidenceVectors, "stepgym-searchqa-evidence-vectors");
                worker.setDaemon(true);
                worker.start();
            }
        }
        return evidenceVectors;
    }

    private void pinEvidenceVectors() {
        try {
            List<String> texts = EvidenceVectors.texts(corpus);
            float[][] vectors = EvidenceVectors.loadOrCompute(corpus, texts, SharedModels.miniLmModel(),
                    EnvSettings.cacheDirectory(), System.err);
            SharedModels.pinMiniLm(texts, vectors);
            evidenceVectors.complete(texts.size());
        } catch (RuntimeException | Error e) {
            // An optimisation only: steps embed their texts as they come.
            System.err.println("stepgym: searchqa could not embed its corpus texts ahead of time: " + e);
            evidenceVectors.completeExceptionally(e);
        }
    }

    /** The shared sentence embedder; single requests from concurrent episodes are batched. */
    public TextEmbedder embedder() {
        requireOpen();
        return SharedModels.miniLm();
    }

    /**
     * Forgets the shared embedding cache and every retriever's remembered queries, so the next
     * searches and scores pay their full cost: for benchmarks that measure it.
     */
    public void clearCaches() {
        SharedModels.clearEmbeddingCache();
        forgetQueries();
    }

    /** Forgets every retriever's remembered queries (not the embeddings): the next searches run the index. */
    public void forgetQueries() {
        remembered.values().forEach(CachingRetriever::forget);
    }

    /**
     * The default belief scorer of the reward layer (the MiniLM evidence proxy), for benchmarks;
     * episodes are scored by the scorer their pipeline's {@code belief_gain} names.
     */
    public BeliefScorer scorer() {
        requireOpen();
        return SharedModels.beliefScorer(ScorerConfig.defaults());
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the searchqa store is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<AutoCloseable> owned = new ArrayList<>();
        owned.add(hybrid);
        owned.add(dense);
        owned.add(bm25);
        RuntimeException failure = null;
        for (AutoCloseable c : owned) {
            if (c == null) {
                continue;
            }
            try {
                c.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("closing the searchqa store failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
