package dev.stepgym.envs.searchqa;

import dev.stepgym.envs.searchqa.retrieval.Bm25Retriever;
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
import dev.stepgym.rewards.embed.BatchingEmbedder;
import dev.stepgym.rewards.embed.CachingEmbedder;
import dev.stepgym.rewards.embed.MiniLmEmbedder;
import dev.stepgym.rewards.embed.TextEmbedder;
import dev.stepgym.rewards.scoring.BeliefScorer;
import dev.stepgym.rewards.scoring.BeliefScorers;
import dev.stepgym.rewards.scoring.ScorerConfig;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What every episode of one factory shares: the corpus, its retrieval indexes, the embedding model
 * and the belief scorer. The BM25 index is built at open; the embedding model, the dense index and
 * the scorer are built on first use (loading the model costs a second or two, embedding the corpus
 * several more), then reused by every episode. Thread-safe.
 */
public final class SearchQaStore implements AutoCloseable {
    /** Concurrent episodes' embedding requests are gathered into batches of at most this many. */
    static final int EMBED_BATCH = 32;
    static final Duration EMBED_WAIT = Duration.ofMillis(2);
    /** Texts whose vectors are kept: gold passages and snippets recur across the episodes of a question. */
    static final int EMBED_CACHE = 20_000;

    private final Corpus corpus;
    private final SearchQaSettings settings;
    private final Bm25Retriever bm25;
    private final ScorerConfig scorerConfig;
    private MiniLmEmbedder model;
    private BatchingEmbedder batching;
    private CachingEmbedder embedder;
    private DenseRetriever dense;
    private HybridRetriever hybrid;
    private BeliefScorer scorer;
    private boolean closed;

    SearchQaStore(Corpus corpus, SearchQaSettings settings) {
        this.corpus = corpus;
        this.settings = settings;
        // Parsed now so a bad scorer setting fails at open, not at the first step.
        this.scorerConfig = ScorerConfig.parse(settings.scorer());
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

    /** The retriever of a kind, built on first use. */
    public Retriever retriever(RetrieverKind kind) {
        return switch (kind) {
            case BM25 -> bm25;
            case DENSE -> dense();
            case HYBRID -> hybrid();
        };
    }

    private synchronized DenseRetriever dense() {
        requireOpen();
        if (dense == null) {
            TextEmbedder queries = embedder();
            // The corpus goes through the model in its own large batches; queries are batched across episodes.
            dense = new DenseRetriever(corpus, queries, DocumentVectorCache.loadOrCompute(corpus, model, EnvSettings.cacheDirectory()));
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

    /** The shared sentence embedder; single requests from concurrent episodes are batched. */
    public synchronized TextEmbedder embedder() {
        requireOpen();
        if (embedder == null) {
            model = MiniLmEmbedder.load();
            batching = new BatchingEmbedder(model, EMBED_BATCH, EMBED_WAIT);
            embedder = new CachingEmbedder(batching, EMBED_CACHE);
        }
        return embedder;
    }

    /** Forgets the cached vectors of texts, so a benchmark can measure uncached embedding calls. */
    public synchronized void clearEmbeddingCache() {
        if (embedder != null) {
            embedder.clear();
        }
    }

    /** The belief scorer the settings name (the embedding proxy when none is named), built on first use. */
    public synchronized BeliefScorer scorer() {
        requireOpen();
        if (scorer == null) {
            scorer = BeliefScorers.create(scorerConfig, this::embedder);
        }
        return scorer;
    }

    /** The scorer's source tag without building it (the spec and the reward components name it). */
    public String scorerType() {
        return scorerConfig.type().wireName();
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
        owned.add(scorer);
        owned.add(hybrid);
        owned.add(dense);
        owned.add(bm25);
        owned.add(embedder);
        owned.add(batching);
        owned.add(model);
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
