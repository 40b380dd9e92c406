package dev.stepgym.rewards.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LruCacheTest {

    @Test
    void aHitReturnsTheComputedValueWithoutComputingAgain() {
        AtomicInteger calls = new AtomicInteger();
        LruCache<String, String> cache = new LruCache<>(10);
        String first = cache.get("a", k -> { calls.incrementAndGet(); return new String(k + "!"); });
        String second = cache.get("a", k -> { calls.incrementAndGet(); return k + "?"; });
        assertSame(first, second);
        assertEquals(1, calls.get());
        assertEquals(new LruCache.Stats(1, 1), cache.stats());
        assertEquals(0.5, cache.stats().hitRate());
    }

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        LruCache<Integer, Integer> cache = new LruCache<>(2);
        cache.get(1, k -> 10);
        cache.get(2, k -> 20);
        cache.get(1, k -> -1);          // 1 is now the most recent
        cache.get(3, k -> 30);          // evicts 2
        assertEquals(2, cache.size());
        assertEquals(10, cache.get(1, k -> -1));
        assertEquals(-2, cache.get(2, k -> -2));   // computed again
        cache.clear();
        assertEquals(0, cache.size());
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThrows(IllegalArgumentException.class, () -> new LruCache<String, String>(0));
        LruCache<String, String> cache = new LruCache<>(1);
        assertThrows(NullPointerException.class, () -> cache.get(null, k -> "x"));
        assertThrows(NullPointerException.class, () -> cache.get("k", k -> null));
        assertEquals(0, cache.size());
    }

    @Test
    void manyThreadsSeeOneValuePerKeyAndTheBoundHolds() throws Exception {
        LruCache<Integer, String> cache = new LruCache<>(50);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        int key = i % 100;
                        assertEquals("v" + key, cache.get(key, k -> "v" + k));
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(50, cache.size());
        assertEquals(40_000, cache.stats().hits() + cache.stats().misses());
    }
}
