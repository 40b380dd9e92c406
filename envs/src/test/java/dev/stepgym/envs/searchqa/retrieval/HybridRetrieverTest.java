package dev.stepgym.envs.searchqa.retrieval;

import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.WorldGenerator;
import dev.stepgym.envs.searchqa.world.WorldSize;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HybridRetrieverTest {
    /** Answers every query with fixed hits and records the depth asked for. */
    static final class Fixed implements Retriever {
        final String name;
        final List<SearchHit> hits;
        final List<Integer> depths = new ArrayList<>();
        boolean closed;

        Fixed(String name, String... ids) {
            this.name = name;
            this.hits = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                hits.add(new SearchHit(ids[i], "T" + ids[i], name + " snippet of " + ids[i], 10 - i));
            }
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<SearchHit> search(String query, int k) {
            depths.add(k);
            return hits.subList(0, Math.min(k, hits.size()));
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void fusesRanksWithReciprocalRankFusion() {
        Fixed sparse = new Fixed("bm25", "A", "B", "C");
        Fixed dense = new Fixed("dense", "C", "A", "D");
        HybridRetriever hybrid = new HybridRetriever(sparse, dense);
        assertEquals("hybrid(bm25+dense)", hybrid.name());
        List<SearchHit> hits = hybrid.search("q", 4);
        // A: 1/61 + 1/62, C: 1/63 + 1/61, B: 1/62, D: 1/63.
        assertEquals(List.of("A", "C", "B", "D"), hits.stream().map(SearchHit::documentId).toList());
        assertEquals(1.0 / 61 + 1.0 / 62, hits.get(0).score(), 1e-12);
        assertEquals(1.0 / 63 + 1.0 / 61, hits.get(1).score(), 1e-12);
        assertEquals(1.0 / 62, hits.get(2).score(), 1e-12);
        assertEquals(1.0 / 63, hits.get(3).score(), 1e-12);
        assertEquals("bm25 snippet of C", hits.get(1).snippet(), "the sparse snippet wins");
        assertEquals("dense snippet of D", hits.get(3).snippet());
        assertEquals("TD", hits.get(3).title());
        assertEquals(List.of(HybridRetriever.DEPTH), sparse.depths);
        assertEquals(List.of(HybridRetriever.DEPTH), dense.depths);

        assertEquals(2, hybrid.search("q", 2).size());
        hybrid.search("q", 80);
        assertEquals(80, sparse.depths.get(sparse.depths.size() - 1), "deeper lists when more hits are asked for");
        assertEquals(List.of(), hybrid.search("q", 0));
        hybrid.close();
        assertTrue(sparse.closed && dense.closed);
    }

    @Test
    void equalFusedScoresAreOrderedByDocumentId() {
        HybridRetriever hybrid = new HybridRetriever(new Fixed("s", "y"), new Fixed("d", "x"));
        assertEquals(List.of("x", "y"), hybrid.search("q", 5).stream().map(SearchHit::documentId).toList());
    }

    @Test
    void combinesRealRetrieversWithoutThrowingOnHostileText() {
        Corpus world = WorldGenerator.generate(3L, WorldSize.small());
        try (Retriever hybrid = RetrieverKind.HYBRID.open(world, BagOfWordsEmbedder.hashing(64))) {
            String query = world.questions().get(0).hops().get(0).query();
            List<SearchHit> hits = hybrid.search(query, 5);
            assertEquals(5, hits.size());
            assertEquals(world.questions().get(0).hops().get(0).documentId(), hits.get(0).documentId(),
                    "first in both lists: " + hits);
            assertEquals(List.of(), hybrid.search("   ", 5));
            assertEquals(List.of(), hybrid.search("🎉", 5));
            hybrid.search("AND OR (*", 5);
            hybrid.search("q ".repeat(50_000), 5);
        }
    }
}
