package dev.stepgym.envs.searchqa.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.stepgym.envs.searchqa.world.WorldGenerator;
import dev.stepgym.envs.searchqa.world.WorldSize;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CachingRetrieverTest {

    /** Counts the searches that reach the index. */
    private static final class Counting implements Retriever {
        final Retriever inner;
        final AtomicInteger searches = new AtomicInteger();
        boolean closed;

        Counting(Retriever inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public List<SearchHit> search(String query, int k) {
            searches.incrementAndGet();
            return inner.search(query, k);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void aRepeatedQueryGivesTheSameHitsWithoutSearchingAgain() {
        try (Bm25Retriever bm25 = new Bm25Retriever(WorldGenerator.generate(0, WorldSize.small()))) {
            Counting counting = new Counting(bm25);
            CachingRetriever cached = new CachingRetriever(counting, 16);
            String query = "founded institute";
            List<SearchHit> first = cached.search(query, 3);
            assertEquals(bm25.search(query, 3), first);
            assertSame(first, cached.search(query, 3));
            assertEquals(1, counting.searches.get());
            assertEquals(bm25.search(query, 5), cached.search(query, 5), "k is part of the query");
            assertEquals(2, counting.searches.get());
            assertEquals("bm25", cached.name());

            cached.forget();
            assertEquals(first, cached.search(query, 3));
            assertEquals(3, counting.searches.get());
            cached.close();
            assertEquals(false, counting.closed, "the wrapped retriever stays its owner's");
        }
    }

    @Test
    void longQueriesAreSearchedButNotKept() {
        try (Bm25Retriever bm25 = new Bm25Retriever(WorldGenerator.generate(0, WorldSize.small()))) {
            Counting counting = new Counting(bm25);
            CachingRetriever cached = new CachingRetriever(counting, 16);
            String hostile = "founded ".repeat(CachingRetriever.MAX_CACHED_QUERY_CHARS);
            cached.search(hostile, 3);
            cached.search(hostile, 3);
            assertEquals(2, counting.searches.get());
            assertEquals(0, cached.stats().hits() + cached.stats().misses());
            assertEquals(List.of(), cached.search(null, 3), "a null query is what the retriever says about it");
        }
    }
}
