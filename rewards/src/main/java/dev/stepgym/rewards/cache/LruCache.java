package dev.stepgym.rewards.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * The last {@code capacity} results of a pure function, least recently used evicted first, safe to
 * share between threads. Only for values that are immutable and depend on nothing but the key: a hit
 * returns the very object a miss computed, to every caller.
 *
 * <p>The computation runs outside the lock, so a slow miss never holds up other threads' hits; two
 * threads missing the same key at once both compute it, which is harmless for a pure function.
 *
 * <pre>{@code
 * LruCache<String, TermCounts> counts = new LruCache<>(50_000);
 * TermCounts c = counts.get(text, TfidfCosine::termCounts);
 * }</pre>
 */
public final class LruCache<K, V> {
    private final int capacity;
    private final Map<K, V> entries;
    private long hits;
    private long misses;

    /** @param capacity most entries kept, at least 1 */
    public LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > LruCache.this.capacity;
            }
        };
    }

    /** The value of {@code key}, computed by {@code compute} (which must not return null) on a miss. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        Objects.requireNonNull(key, "key");
        synchronized (entries) {
            V known = entries.get(key);
            if (known != null) {
                hits++;
                return known;
            }
        }
        V computed = Objects.requireNonNull(compute.apply(key), "a cached computation returned null");
        synchronized (entries) {
            misses++;
            V raced = entries.putIfAbsent(key, computed);
            return raced != null ? raced : computed;
        }
    }

    /** Forgets every entry (the counts stay). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }

    /** Entries held now. */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }

    /** Lookups answered from memory and lookups computed, since creation. */
    public Stats stats() {
        synchronized (entries) {
            return new Stats(hits, misses);
        }
    }

    /** Counts of lookups. */
    public record Stats(long hits, long misses) {
        /** Share of lookups answered from memory (0 before the first). */
        public double hitRate() {
            long all = hits + misses;
            return all == 0 ? 0.0 : (double) hits / all;
        }
    }
}
