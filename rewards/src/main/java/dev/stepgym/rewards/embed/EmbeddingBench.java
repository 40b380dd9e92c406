package dev.stepgym.rewards.embed;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Measures, side by side in one run, what batching costs: (a) the embedder's own batch inference,
 * {@code batchSize} texts per {@link TextEmbedder#embed} call from one thread, against (b) the same
 * texts embedded one at a time from {@code threads} threads through a {@link BatchingEmbedder},
 * as concurrent episodes do. DESIGN.md §6 asks (b) to reach 80% of (a).
 *
 * <pre>{@code
 * try (MiniLmEmbedder model = MiniLmEmbedder.load()) {
 *     EmbeddingBench.Result r = EmbeddingBench.compare(model, 2_000, 32, 64);
 *     System.out.println(r);   // raw 900 texts/s, batched 820 texts/s, ratio 0.91
 * }
 * }</pre>
 */
public final class EmbeddingBench {
    /** How long a text waits for companions in the batched run. */
    public static final Duration MAX_WAIT = Duration.ofMillis(2);

    private static final String[] WORDS = {
        "the", "river", "city", "museum", "founded", "author", "film", "directed", "capital", "island",
        "which", "year", "king", "battle", "company", "born", "married", "novel", "award", "won",
        "mountain", "bridge", "university", "studied", "painter", "album", "released", "band", "team", "league",
    };

    private EmbeddingBench() {
    }

    /**
     * Runs a warm-up of each side, then measures each once over the same {@code texts} texts.
     *
     * @param raw embedder measured directly and wrapped for the batched side; not closed here
     * @param texts texts per side, at least 1
     * @param batchSize texts per raw call, and the batcher's largest batch
     * @param threads threads submitting single texts on the batched side
     */
    public static Result compare(TextEmbedder raw, int texts, int batchSize, int threads) {
        if (texts < 1 || batchSize < 1 || threads < 1) {
            throw new IllegalArgumentException("texts, batchSize and threads must be at least 1, got "
                    + texts + ", " + batchSize + ", " + threads);
        }
        List<String> corpus = sentences(texts, 42);
        List<String> warmUp = corpus.subList(0, Math.min(corpus.size(), Math.max(batchSize, threads) * 2));
        try (BatchingEmbedder batched = new BatchingEmbedder(raw, batchSize, MAX_WAIT)) {
            runRaw(raw, warmUp, batchSize);
            runBatched(batched, warmUp, threads);
            BatchingEmbedder.Stats before = batched.stats();

            long rawNanos = runRaw(raw, corpus, batchSize);
            long batchedNanos = runBatched(batched, corpus, threads);

            BatchingEmbedder.Stats after = batched.stats();
            double meanBatch = (double) (after.texts() - before.texts())
                    / Math.max(1, after.forwardPasses() - before.forwardPasses());
            double rawRate = texts / (rawNanos / 1e9);
            double batchedRate = texts / (batchedNanos / 1e9);
            return new Result(texts, batchSize, threads, rawRate, batchedRate, batchedRate / rawRate, meanBatch);
        }
    }

    private static long runRaw(TextEmbedder raw, List<String> corpus, int batchSize) {
        long start = System.nanoTime();
        for (int from = 0; from < corpus.size(); from += batchSize) {
            raw.embed(corpus.subList(from, Math.min(corpus.size(), from + batchSize)));
        }
        return System.nanoTime() - start;
    }

    private static long runBatched(BatchingEmbedder batched, List<String> corpus, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> workers = new ArrayList<>(threads);
            long start = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int first = t;
                // Each thread embeds every threads-th text, one call at a time, like an episode.
                workers.add(pool.submit(() -> {
                    for (int i = first; i < corpus.size(); i += threads) {
                        batched.embedOne(corpus.get(i));
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            return System.nanoTime() - start;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a batched embedding failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Deterministic question-like sentences of 6 to 20 words. */
    static List<String> sentences(int count, long seed) {
        Random random = new Random(seed);
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int words = 6 + random.nextInt(15);
            StringBuilder sentence = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    sentence.append(' ');
                }
                sentence.append(WORDS[random.nextInt(WORDS.length)]);
            }
            out.add(sentence.append(' ').append(i).toString());
        }
        return out;
    }

    /**
     * One side-by-side measurement.
     *
     * @param texts texts embedded by each side
     * @param batchSize raw texts per call and the batcher's largest batch
     * @param threads threads of the batched side
     * @param rawTextsPerSecond (a) the embedder's batch inference
     * @param batchedTextsPerSecond (b) single texts from many threads through the batcher
     * @param ratio (b) / (a); DESIGN.md §6 wants at least 0.8
     * @param meanBatchSize texts per forward pass the batcher formed
     */
    public record Result(int texts, int batchSize, int threads, double rawTextsPerSecond,
            double batchedTextsPerSecond, double ratio, double meanBatchSize) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "embedding: raw batch=%d %.0f texts/s | batched %d threads %.0f texts/s (mean batch %.1f) | ratio %.2f",
                    batchSize, rawTextsPerSecond, threads, batchedTextsPerSecond, meanBatchSize, ratio);
        }
    }
}
