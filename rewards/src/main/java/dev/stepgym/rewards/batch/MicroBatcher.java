package dev.stepgym.rewards.batch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Gathers single requests from many threads (one per concurrent episode) into batches, so that a
 * model runs one forward pass for many episodes. A batch closes when it holds {@code maxBatch}
 * requests or when its first request has waited {@code maxWait}, whichever comes first.
 *
 * <pre>{@code
 * try (var batcher = new MicroBatcher<String, float[]>("embed", 32, Duration.ofMillis(2), embedder::embedAll)) {
 *     float[] v = batcher.submit("a sentence").join();
 * }
 * }</pre>
 *
 * @param <I> one request
 * @param <O> its answer; the batch function returns one answer per request, in order
 */
public final class MicroBatcher<I, O> implements AutoCloseable {
    /** Requests a batcher holds waiting, by default: past it a request fails at once. */
    public static final int DEFAULT_MAX_QUEUED = 4096;

    private final LinkedBlockingQueue<Pending<I, O>> queue;
    private final String name;
    private final int maxQueued;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final Function<List<I>, List<O>> batchFunction;
    private final Thread worker;
    private volatile boolean closed;

    public MicroBatcher(String name, int maxBatch, Duration maxWait, Function<List<I>, List<O>> batchFunction) {
        this(name, maxBatch, maxWait, DEFAULT_MAX_QUEUED, batchFunction);
    }

    /**
     * @param maxQueued requests held waiting at most; past it {@link #submit} fails the request at
     *                  once with {@link OverloadedException}, so an overloaded model sheds load
     *                  instead of queueing without end
     */
    public MicroBatcher(String name, int maxBatch, Duration maxWait, int maxQueued, Function<List<I>, List<O>> batchFunction) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be at least 1, got " + maxQueued);
        }
        this.name = name;
        this.maxQueued = maxQueued;
        this.queue = new LinkedBlockingQueue<>(maxQueued);
        this.maxBatch = maxBatch;
        this.maxWaitNanos = maxWait.toNanos();
        this.batchFunction = Objects.requireNonNull(batchFunction, "batchFunction");
        this.worker = new Thread(this::run, "stepgym-batch-" + name);
        this.worker.setDaemon(true);
        this.worker.start();
    }

    /** Queues one request; the future completes with its answer, or exceptionally if its batch failed. */
    public CompletableFuture<O> submit(I request) {
        CompletableFuture<O> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new IllegalStateException("batcher is closed"));
            return future;
        }
        if (!queue.offer(new Pending<>(request, future))) {
            future.completeExceptionally(new OverloadedException("the " + name + " batcher already holds " + maxQueued
                    + " requests waiting for its model: it cannot keep up with this load; retry later or run fewer episodes at once"));
        }
        return future;
    }

    private void run() {
        List<Pending<I, O>> batch = new ArrayList<>(maxBatch);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending<I, O> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Pending<I, O> next = left <= 0 ? queue.poll() : queue.poll(left, TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                runBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        failPending(new IllegalStateException("batcher is closed"));
    }

    private void runBatch(List<Pending<I, O>> batch) {
        List<I> inputs = new ArrayList<>(batch.size());
        for (Pending<I, O> p : batch) {
            inputs.add(p.request);
        }
        try {
            List<O> outputs = batchFunction.apply(inputs);
            if (outputs.size() != inputs.size()) {
                throw new IllegalStateException("batch function returned " + outputs.size()
                        + " answers for " + inputs.size() + " requests");
            }
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).future.complete(outputs.get(i));
            }
        } catch (RuntimeException | Error e) {
            // One failed forward pass fails its own requests only; the worker goes on.
            for (Pending<I, O> p : batch) {
                p.future.completeExceptionally(e);
            }
        }
    }

    private void failPending(RuntimeException cause) {
        Pending<I, O> p;
        while ((p = queue.poll()) != null) {
            p.future.completeExceptionally(cause);
        }
    }

    /** Answers what is queued, then stops the worker. */
    @Override
    public void close() {
        closed = true;
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failPending(new IllegalStateException("batcher is closed"));
    }

    /** A request refused because the batcher's queue is full. */
    public static final class OverloadedException extends IllegalStateException {
        public OverloadedException(String message) {
            super(message);
        }
    }

    private record Pending<I, O>(I request, CompletableFuture<O> future) {
    }
}
