package dev.stepgym.envs.searchqa.retrieval;

import dev.stepgym.rewards.cache.LruCache;

import java.util.List;
import java.util.Objects;

/**
 * Remembers the results of the last queries of a retriever. Retrieval is deterministic, and a trainer
 * sends the same queries again and again: a GRPO group's rollouts of one question start alike, and
 * every epoch asks the same questions. A repeated query then costs a lookup instead of an index search
 * (and, for dense retrieval, a forward pass). The results are the very lists the retriever returned,
 * immutable.
 *
 * <p>Queries longer than {@value #MAX_CACHED_QUERY_CHARS} characters are searched but not kept, so
 * hostile queries cannot fill the memory.
 *
 * <pre>{@code
 * Retriever cached = new CachingRetriever(new Bm25Retriever(corpus), 4_096);
 * cached.search("Velmora Institute founder", 3);   // searched
 * cached.search("Velmora Institute founder", 3);   // remembered
 * }</pre>
 */
public final class CachingRetriever implements Retriever {
    static final int MAX_CACHED_QUERY_CHARS = 1_000;

    private final Retriever delegate;
    private final LruCache<Query, List<SearchHit>> results;

    private record Query(String text, int k) {
    }

    /**
     * @param delegate the retriever asked on a miss; it stays the caller's (not closed by this one)
     * @param capacity most queries remembered
     */
    public CachingRetriever(Retriever delegate, int capacity) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.results = new LruCache<>(capacity);
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public List<SearchHit> search(String query, int k) {
        if (query == null || query.length() > MAX_CACHED_QUERY_CHARS) {
            return delegate.search(query, k);
        }
        return results.get(new Query(query, k), q -> List.copyOf(delegate.search(q.text(), q.k())));
    }

    /** Forgets every remembered query: the next searches go to the retriever (benchmarks measure that). */
    public void forget() {
        results.clear();
    }

    /** Lookups answered from memory and searched, since creation. */
    public LruCache.Stats stats() {
        return results.stats();
    }

    /** Forgets nothing and closes nothing: the wrapped retriever is its owner's to close. */
    @Override
    public void close() {
    }
}
