package dev.stepgym.envs.searchqa.retrieval;

import java.util.List;

/**
 * Finds documents for a free-text query. Implementations are thread-safe, deterministic (equal scores are
 * ordered by document id) and total: any text, however hostile (query syntax, 100 KB, emoji), gives a list,
 * empty when nothing in it is searchable. Queries are cut to their first {@value #MAX_QUERY_TERMS} terms
 * (analysed words for BM25, whitespace-separated words for dense retrieval), which bounds the work per query.
 *
 * <pre>{@code
 * try (Retriever bm25 = new Bm25Retriever(corpus)) {
 *     List<SearchHit> hits = bm25.search("Velmora Institute founded by", 5);
 * }
 * }</pre>
 */
public interface Retriever extends AutoCloseable {
    /** Words of a query past this many are ignored: enough for any question, bounded for hostile input. */
    int MAX_QUERY_TERMS = 64;

    /** Short identifier, e.g. {@code bm25}; recorded with the results. */
    String name();

    /** The best {@code k} documents, best first; empty for a blank query or {@code k <= 0}. */
    List<SearchHit> search(String query, int k);

    @Override
    default void close() {
    }
}
