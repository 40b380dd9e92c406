package dev.stepgym.rewards.batch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The micro-batcher's queue is bounded: past it a request fails at once with a clear error. */
@Timeout(30)
class MicroBatcherTest {

    @Test
    void aFullQueueRefusesRequestsAtOnceAndTheQueuedOnesAreStillAnswered() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MicroBatcher<Integer, Integer> batcher = new MicroBatcher<>("test-model", 1, Duration.ZERO, 2, batch -> {
            running.countDown();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return batch.stream().map(i -> i * 10).toList();
        })) {
            CompletableFuture<Integer> first = batcher.submit(1);
            assertTrue(running.await(10, TimeUnit.SECONDS), "the first batch is in the model");
            List<CompletableFuture<Integer>> queued = new ArrayList<>(List.of(batcher.submit(2), batcher.submit(3)));
            CompletableFuture<Integer> refused = batcher.submit(4);
            assertTrue(refused.isCompletedExceptionally(), "refused at once, not queued");
            CompletionException e = assertThrows(CompletionException.class, refused::join);
            MicroBatcher.OverloadedException overloaded = assertInstanceOf(MicroBatcher.OverloadedException.class, e.getCause());
            assertTrue(overloaded.getMessage().contains("test-model") && overloaded.getMessage().contains("2 requests"),
                    overloaded.getMessage());
            release.countDown();
            assertEquals(10, first.get(10, TimeUnit.SECONDS));
            assertEquals(20, queued.get(0).get(10, TimeUnit.SECONDS));
            assertEquals(30, queued.get(1).get(10, TimeUnit.SECONDS));
            assertEquals(50, batcher.submit(5).get(10, TimeUnit.SECONDS), "room again once the queue drains");
        }
    }

    @Test
    void badLimitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MicroBatcher<Integer, Integer>("m", 1, Duration.ZERO, 0, b -> b));
        assertThrows(IllegalArgumentException.class, () -> new MicroBatcher<Integer, Integer>("m", 0, Duration.ZERO, 1, b -> b));
    }
}
