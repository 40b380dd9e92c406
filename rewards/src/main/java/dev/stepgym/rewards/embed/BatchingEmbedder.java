package dev.stepgym.rewards.embed;

import dev.stepgym.rewards.batch.MicroBatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gathers texts from many threads (one per concurrent episode) into one {@link TextEmbedder#embed}
 * call, so the model runs one forward pass for many episodes. A batch closes at {@code maxBatch}
 * texts or when its first text has waited {@code maxWait}.
 *
 * <p>The wrapped embedder stays the caller's: {@link #close()} stops the batching thread only.
 * With {@link MiniLmModel#QUANTIZED} a text's vector depends on its batch companions; use
 * {@link MiniLmModel#FULL_PRECISION} where rewards must not depend on load.
 *
 * <pre>{@code
 * try (MiniLmEmbedder model = MiniLmEmbedder.load(MiniLmModel.FULL_PRECISION);
 *      BatchingEmbedder batched = new BatchingEmbedder(model, 32, Duration.ofMillis(2))) {
 *     float[] v = batched.submit("a query from one episode").join();   // from many threads at once
 * }
 * }</pre>
 */
public final class BatchingEmbedder implements TextEmbedder {
    private final TextEmbedder delegate;
    private final MicroBatcher<String, float[]> batcher;
    private final AtomicLong forwardPasses = new AtomicLong();
    private final AtomicLong texts = new AtomicLong();
    private final AtomicInteger largestBatch = new AtomicInteger();

    /**
     * @param delegate embedder that runs the batches; not closed by this wrapper
     * @param maxBatch most texts per forward pass, at least 1
     * @param maxWait longest a text waits for companions, zero or more
     */
    public BatchingEmbedder(TextEmbedder delegate, int maxBatch, Duration maxWait) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (maxWait == null || maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must be zero or more, got " + maxWait);
        }
        this.batcher = new MicroBatcher<>(delegate.name(), maxBatch, maxWait, this::runBatch);
    }

    private List<float[]> runBatch(List<String> batch) {
        float[][] vectors = delegate.embed(batch);
        forwardPasses.incrementAndGet();
        texts.addAndGet(batch.size());
        largestBatch.accumulateAndGet(batch.size(), Math::max);
        return Arrays.asList(vectors);
    }

    /** Queues one text; the future completes with its vector once its batch has run. */
    public CompletableFuture<float[]> submit(String text) {
        if (text == null) {
            throw new IllegalArgumentException("text must not be null");
        }
        return batcher.submit(text);
    }

    /** Submits each text and waits for all; they may share forward passes with other threads' texts. */
    @Override
    public float[][] embed(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts must not be null");
        }
        List<CompletableFuture<float[]>> futures = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " is null");
            }
        }
        for (String text : texts) {
            futures.add(batcher.submit(text));
        }
        float[][] vectors = new float[futures.size()][];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = join(futures.get(i));
        }
        return vectors;
    }

    /** One vector for one text, computed in a shared forward pass. */
    public float[] embedOne(String text) {
        return join(submit(text));
    }

    private static float[] join(CompletableFuture<float[]> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            // Rethrow the model's own exception, not the future's wrapper.
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** What the batcher has done so far. */
    public Stats stats() {
        return new Stats(forwardPasses.get(), texts.get(), largestBatch.get());
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** Answers what is queued, then stops the batching thread; the delegate stays open. */
    @Override
    public void close() {
        batcher.close();
    }

    /**
     * Batcher counters.
     *
     * @param forwardPasses calls made to the wrapped embedder
     * @param texts texts embedded through them
     * @param largestBatch most texts in one call
     */
    public record Stats(long forwardPasses, long texts, int largestBatch) {
        /** Texts per forward pass; 0 before the first. */
        public double meanBatchSize() {
            return forwardPasses == 0 ? 0 : (double) texts / forwardPasses;
        }
    }
}
