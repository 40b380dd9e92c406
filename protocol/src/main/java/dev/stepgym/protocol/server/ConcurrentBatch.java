package dev.stepgym.protocol.server;

import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.json.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs the entries of a {@code batch_step} concurrently, so that model calls of many episodes can
 * share forward passes (the reward layer's micro-batchers gather them). The reply stays what a
 * one-by-one run gives:
 * <ul>
 *   <li>results in request order, a failing entry an error entry;</li>
 *   <li>entries of the same episode run one after another, in request order;</li>
 *   <li>entries are admitted in request order, and once the results reach the reply limit the
 *       remaining ones are not run and answer REPLY_TOO_LARGE, so the entries that ran are a prefix.
 *       Near the limit fewer entries run at once: one is admitted only while the results so far,
 *       plus the largest result seen (64 KiB before the first) for each entry running and for
 *       itself, fit the limit, down to one at a time; so the reply passes the limit by about one
 *       result, as it did one by one, unless results grow far past the ones before them.</li>
 * </ul>
 * Worker threads come from one bounded pool per server; past its size the calling thread works
 * through the entries itself, so a busy server degrades to one-by-one, never to a queue without end.
 */
final class ConcurrentBatch implements AutoCloseable {
    /** Threads of one server's pool, all batches together. */
    static final int MAX_THREADS = 256;
    /** Threads one batch works with, its caller included. */
    static final int MAX_PER_BATCH = 64;
    /** What an entry's result is taken to weigh before the batch's first result is in. */
    static final long FIRST_ESTIMATE = 64 * 1024;
    private static final String NOT_RUN = "not run: this batch's reply reached the limit of %d bytes (serve --max-reply-bytes);"
            + " send the remaining steps in another batch";

    private final ThreadPoolExecutor pool;

    ConcurrentBatch() {
        AtomicInteger count = new AtomicInteger();
        pool = new ThreadPoolExecutor(0, MAX_THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, "stepgym-batch-step-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * @param steps         the entries, in request order
     * @param step          runs one entry; a RuntimeException becomes that entry's error
     * @param maxReplyBytes once the results reach it, the remaining entries are not run
     */
    List<Object> run(List<BatchStep> steps, Function<BatchStep, Object> step, long maxReplyBytes) {
        Run run = new Run(steps, step, maxReplyBytes);
        int workers = Math.min(MAX_PER_BATCH, run.distinctEpisodes);
        List<CompletableFuture<Void>> helpers = new ArrayList<>();
        for (int i = 1; i < workers; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            helpers.add(done);
            pool.execute(() -> {
                try {
                    run.work();
                } finally {
                    done.complete(null);
                }
            });
        }
        run.work();
        for (CompletableFuture<Void> helper : helpers) {
            helper.join();
        }
        return Arrays.asList(run.results);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /** One batch: the admission state every worker of it shares. */
    private static final class Run {
        final List<BatchStep> steps;
        final Function<BatchStep, Object> step;
        final long maxReplyBytes;
        final Object[] results;
        /** Per entry: done once its result is in; the next entry of its episode waits for it. */
        final CompletableFuture<?>[] finished;
        /** Per entry: the index of the previous entry of the same episode, or -1. */
        final int[] previous;
        final int distinctEpisodes;
        private int cursor;
        private int inFlight;
        private long replyBytes;
        private long largestResult;

        Run(List<BatchStep> steps, Function<BatchStep, Object> step, long maxReplyBytes) {
            this.steps = steps;
            this.step = step;
            this.maxReplyBytes = maxReplyBytes;
            this.results = new Object[steps.size()];
            this.finished = new CompletableFuture<?>[steps.size()];
            this.previous = new int[steps.size()];
            Map<String, Integer> last = new HashMap<>();
            for (int i = 0; i < steps.size(); i++) {
                finished[i] = new CompletableFuture<Void>();
                Integer before = last.put(String.valueOf(steps.get(i).episodeId()), i);
                previous[i] = before == null ? -1 : before;
            }
            this.distinctEpisodes = last.size();
        }

        /** Takes entries in request order until none is left. */
        void work() {
            while (true) {
                int index;
                boolean admitted;
                synchronized (this) {
                    while (true) {
                        if (cursor >= results.length) {
                            return;
                        }
                        if (replyBytes >= maxReplyBytes) {
                            admitted = false;
                            break;
                        }
                        long perEntry = largestResult > 0 ? largestResult : FIRST_ESTIMATE;
                        if (inFlight == 0 || replyBytes + (inFlight + 1) * perEntry < maxReplyBytes) {
                            admitted = true;
                            inFlight++;
                            break;
                        }
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            admitted = false;
                            break;
                        }
                    }
                    index = cursor++;
                }
                if (admitted) {
                    runEntry(index);
                } else {
                    results[index] = new ErrorBody(new ErrorBody.Detail(ErrorCode.REPLY_TOO_LARGE,
                            String.format(NOT_RUN, maxReplyBytes), null));
                    finished[index].complete(null);
                }
            }
        }

        private void runEntry(int index) {
            long size = 0;
            try {
                Object result;
                try {
                    if (previous[index] >= 0) {
                        finished[previous[index]].join(); // never fails: completed in this method's finally
                    }
                    result = step.apply(steps.get(index));
                } catch (RuntimeException e) {
                    result = new ErrorBody(ErrorMapping.detail(e));
                }
                size = Json.size(result);
                results[index] = result;
            } finally {
                // Even an Error leaves the batch able to finish: the entry counts as done.
                synchronized (this) {
                    replyBytes += size;
                    largestResult = Math.max(largestResult, size);
                    inFlight--;
                    notifyAll();
                }
                finished[index].complete(null);
            }
        }
    }
}
