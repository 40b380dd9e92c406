package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The batching mechanics, on an embedder whose vectors depend on each text alone. */
class BatchingEmbedderTest {

    /** 8 threads x 50 texts, each thread one call at a time; returns vectors[thread][i]. */
    static float[][][] embedConcurrently(BatchingEmbedder batched) throws Exception {
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<float[][]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    float[][] out = new float[perThread][];
                    for (int i = 0; i < perThread; i++) {
                        out[i] = batched.embedOne(text(thread, i));
                    }
                    return out;
                }));
            }
            start.countDown();
            float[][][] all = new float[threads][][];
            for (int t = 0; t < threads; t++) {
                all[t] = results.get(t).get(60, TimeUnit.SECONDS);
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    static String text(int thread, int i) {
        return "episode " + thread + " asks question number " + i + (i % 3 == 0 ? " with a longer tail" : "");
    }

    @Test
    void concurrentSingleCallsShareForwardPassesAndKeepTheirOwnAnswers() throws Exception {
        FakeEmbedder fake = new FakeEmbedder();
        try (BatchingEmbedder batched = new BatchingEmbedder(fake, 16, Duration.ofMillis(20))) {
            float[][][] vectors = embedConcurrently(batched);

            for (int t = 0; t < 8; t++) {
                for (int i = 0; i < 50; i++) {
                    assertArrayEquals(FakeEmbedder.vectorOf(text(t, i)), vectors[t][i], "thread " + t + " text " + i);
                }
            }
            BatchingEmbedder.Stats stats = batched.stats();
            assertEquals(400, stats.texts());
            assertEquals(fake.calls.size(), stats.forwardPasses());
            assertTrue(stats.largestBatch() > 1, "largest batch " + stats.largestBatch());
            assertTrue(stats.largestBatch() <= 8, "a thread waits for its answer, so at most 8 at once");
            assertTrue(stats.forwardPasses() < 400, stats.toString());
        }
    }

    @Test
    void aListIsSplitAtTheLargestBatchAndComesBackInOrder() {
        FakeEmbedder fake = new FakeEmbedder();
        try (BatchingEmbedder batched = new BatchingEmbedder(fake, 4, Duration.ofMillis(50))) {
            List<String> texts = List.of("a", "bb", "ccc", "dddd", "eeeee", "ffffff");
            float[][] v = batched.embed(texts);
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(FakeEmbedder.vectorOf(texts.get(i)), v[i]);
            }
            assertEquals(List.of(4, 2), fake.calls.stream().map(List::size).toList());
            assertEquals(new BatchingEmbedder.Stats(2, 6, 4), batched.stats());
            assertEquals(3.0, batched.stats().meanBatchSize());
            assertEquals(0, batched.embed(List.of()).length);
        }
    }

    @Test
    void aFailedForwardPassFailsItsCallersWithTheModelsException() {
        FakeEmbedder fake = new FakeEmbedder();
        IllegalStateException boom = new IllegalStateException("model broke");
        fake.failWith = boom;
        try (BatchingEmbedder batched = new BatchingEmbedder(fake, 4, Duration.ZERO)) {
            assertSame(boom, assertThrows(IllegalStateException.class, () -> batched.embedOne("x")));
            fake.failWith = null;
            assertArrayEquals(FakeEmbedder.vectorOf("y"), batched.embedOne("y"), "the worker goes on");
        }
    }

    @Test
    void badArgumentsAreClearErrors() {
        FakeEmbedder fake = new FakeEmbedder();
        assertThrows(IllegalArgumentException.class, () -> new BatchingEmbedder(fake, 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new BatchingEmbedder(fake, 4, Duration.ofMillis(-1)));
        try (BatchingEmbedder batched = new BatchingEmbedder(fake, 4, Duration.ZERO)) {
            assertThrows(IllegalArgumentException.class, () -> batched.submit(null));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> batched.embed(java.util.Arrays.asList("a", null)));
            assertTrue(e.getMessage().contains("text 1"), e.getMessage());
            assertEquals(FakeEmbedder.DIMENSION, batched.dimension());
            assertEquals("fake", batched.name());
        }
    }

    @Test
    void afterCloseSubmissionsFail() {
        BatchingEmbedder batched = new BatchingEmbedder(new FakeEmbedder(), 4, Duration.ZERO);
        batched.close();
        assertThrows(IllegalStateException.class, () -> batched.embedOne("late"));
    }
}
