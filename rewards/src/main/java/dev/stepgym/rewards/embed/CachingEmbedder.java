package dev.stepgym.rewards.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers the vectors of the last {@code capacity} distinct texts (least recently used goes
 * first), so documents and questions that many episodes score again are embedded once. Misses of
 * one call go to the wrapped embedder together, in one call. Callers get copies: a vector changed
 * by one episode never reaches another.
 *
 * <p>The wrapped embedder stays the caller's: {@link #close()} clears the cache only.
 *
 * <pre>{@code
 * TextEmbedder cached = new CachingEmbedder(MiniLmEmbedder.load(), 10_000);
 * float[][] v = cached.embed(List.of("passage one", "passage two"));
 * }</pre>
 */
public final class CachingEmbedder implements TextEmbedder {
    private final TextEmbedder delegate;
    private final int capacity;
    private final Map<String, float[]> cache;
    private long hits;
    private long misses;

    /**
     * @param delegate embedder asked for texts not in the cache; not closed by this wrapper
     * @param capacity most texts kept, at least 1
     */
    public CachingEmbedder(TextEmbedder delegate, int capacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > CachingEmbedder.this.capacity;
            }
        };
    }

    @Override
    public float[][] embed(List<String> texts) {
        if (texts == null) {
            throw new IllegalArgumentException("texts must not be null");
        }
        float[][] vectors = new float[texts.size()][];
        Map<String, Integer> missing = new LinkedHashMap<>();   // text -> its place in the delegate call
        synchronized (cache) {
            for (int i = 0; i < texts.size(); i++) {
                String text = texts.get(i);
                if (text == null) {
                    throw new IllegalArgumentException("text " + i + " is null");
                }
                float[] known = cache.get(text);
                if (known != null) {
                    vectors[i] = known.clone();
                    hits++;
                } else {
                    missing.putIfAbsent(text, missing.size());
                }
            }
        }
        if (!missing.isEmpty()) {
            // Outside the lock: other threads' hits need not wait for this forward pass.
            List<String> toEmbed = new ArrayList<>(missing.keySet());
            float[][] computed = delegate.embed(toEmbed);
            synchronized (cache) {
                misses += toEmbed.size();
                for (int m = 0; m < toEmbed.size(); m++) {
                    cache.put(toEmbed.get(m), computed[m]);
                }
            }
            for (int i = 0; i < texts.size(); i++) {
                if (vectors[i] == null) {
                    vectors[i] = computed[missing.get(texts.get(i))].clone();
                }
            }
        }
        return vectors;
    }

    /** Forgets every cached vector (benchmarks use it to measure uncached calls); the delegate stays open. */
    public void clear() {
        synchronized (cache) {
            cache.clear();
        }
    }

    /** Lookups answered from the cache so far. */
    public long hits() {
        synchronized (cache) {
            return hits;
        }
    }

    /** Texts sent to the wrapped embedder so far. */
    public long misses() {
        synchronized (cache) {
            return misses;
        }
    }

    /** Texts cached now. */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    @Override
    public int dimension() {
        return delegate.dimension();
    }

    @Override
    public String name() {
        return delegate.name();
    }

    /** Drops the cached vectors; the delegate stays open. */
    @Override
    public void close() {
        synchronized (cache) {
            cache.clear();
        }
    }
}
