package dev.stepgym.envs.searchqa.retrieval;

import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.Document;
import dev.stepgym.envs.searchqa.world.WorldGenerator;
import dev.stepgym.envs.searchqa.world.WorldSize;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DenseRetrieverTest {
    // Vectors over (apple, banana, cherry): d1 = (2,1,0)/√5, d3 = (0,1,1)/√2, d2 = (0,0,1).
    static final Corpus FRUIT = new Corpus("fruit", List.of(
            new Document("d3", "Fruit two", "banana cherry"),
            new Document("d1", "Fruit one", "apple apple banana. Something else."),
            new Document("d2", "Fruit three", "cherry")), List.of());

    @Test
    void ranksByCosineWithTiesByDocumentId() {
        BagOfWordsEmbedder embedder = BagOfWordsEmbedder.vocabulary("apple", "banana", "cherry");
        try (Retriever dense = new DenseRetriever(FRUIT, embedder)) {
            assertEquals("dense:bow-vocabulary", dense.name());
            List<SearchHit> apple = dense.search("apple", 3);
            assertEquals(List.of("d1", "d2", "d3"), apple.stream().map(SearchHit::documentId).toList(),
                    "d2 and d3 both score 0");
            assertEquals(2 / Math.sqrt(5), apple.get(0).score(), 1e-6);
            assertEquals(0.0, apple.get(1).score(), 1e-9);
            assertEquals("apple apple banana.", apple.get(0).snippet());
            assertEquals("Fruit one", apple.get(0).title());

            List<SearchHit> mixed = dense.search("banana cherry", 2);
            assertEquals(List.of("d3", "d2"), mixed.stream().map(SearchHit::documentId).toList());
            assertEquals(1.0, mixed.get(0).score(), 1e-6);
            assertEquals(1 / Math.sqrt(2), mixed.get(1).score(), 1e-6);
            assertEquals(1 / Math.sqrt(10), dense.search("banana cherry", 3).get(2).score(), 1e-6);
        }
        assertFalse(embedder.closed, "the retriever does not own the embedder");
    }

    @Test
    void embedsEveryDocumentOnceInBatchesOfSixtyFour() {
        Corpus world = WorldGenerator.generate(3L, WorldSize.small());
        BagOfWordsEmbedder embedder = BagOfWordsEmbedder.hashing(128);
        DenseRetriever dense = new DenseRetriever(world, embedder);
        int n = world.documents().size();
        assertEquals((n + 63) / 64, embedder.batches.size());
        assertTrue(embedder.batches.stream().allMatch(b -> b.size() <= DenseRetriever.BATCH));
        Document first = world.documents().get(0);
        assertEquals(first.title() + "\n" + first.text(), embedder.batches.get(0).get(0));

        String query = world.questions().get(0).text();
        List<SearchHit> hits = dense.search(query, 5);
        assertEquals(5, hits.size());
        assertEquals((n + 63) / 64 + 1, embedder.batches.size(), "a search embeds only the query");
        assertEquals(List.of(query), embedder.batches.get(embedder.batches.size() - 1));
        for (int i = 1; i < hits.size(); i++) {
            assertTrue(hits.get(i - 1).score() >= hits.get(i).score());
        }
    }

    @Test
    void precomputedVectorsGiveTheSameResultsAndAreChecked() {
        BagOfWordsEmbedder embedder = BagOfWordsEmbedder.vocabulary("apple", "banana", "cherry");
        float[][] vectors = DenseRetriever.embedDocuments(FRUIT, embedder);
        assertEquals(3, vectors.length);
        // Scaled vectors are normalised again, so cosines do not change.
        for (float[] v : vectors) {
            for (int j = 0; j < v.length; j++) {
                v[j] *= 3;
            }
        }
        assertEquals(new DenseRetriever(FRUIT, embedder).search("banana", 3),
                new DenseRetriever(FRUIT, embedder, vectors).search("banana", 3));

        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> new DenseRetriever(FRUIT, embedder, new float[2][3]));
        assertEquals("corpus fruit has 3 documents but 2 vectors were given", count.getMessage());
        IllegalArgumentException dimension = assertThrows(IllegalArgumentException.class,
                () -> new DenseRetriever(FRUIT, embedder, new float[][]{{1, 0, 0}, {1, 0}, {0, 0, 1}}));
        assertTrue(dimension.getMessage().contains("vector 1 (document d1) has 2 dimensions"), dimension.getMessage());
    }

    @Test
    void hostileOrEmptyQueriesNeverThrow() {
        BagOfWordsEmbedder embedder = BagOfWordsEmbedder.vocabulary("apple", "banana", "cherry");
        try (Retriever dense = new DenseRetriever(FRUIT, embedder)) {
            int before = embedder.batches.size();
            assertEquals(List.of(), dense.search(null, 3));
            assertEquals(List.of(), dense.search("", 3));
            assertEquals(List.of(), dense.search(" \n\t", 3));
            assertEquals(List.of(), dense.search("😀🎉 (*)", 3));
            assertEquals(List.of(), dense.search("apple", 0));
            assertEquals(before, embedder.batches.size(), "nothing searchable reaches the embedder");
            assertEquals(3, dense.search("AND OR (*", 3).size());
            assertEquals("d1", dense.search("Ünïcödé 😀 apple", 3).get(0).documentId());
            assertEquals(3, dense.search("apple", Integer.MAX_VALUE).size());

            dense.search("apple " + "word ".repeat(25_000), 3);
            String sent = embedder.batches.get(embedder.batches.size() - 1).get(0);
            assertEquals(Retriever.MAX_QUERY_TERMS, sent.split(" ").length);
            dense.search("x".repeat(100_000), 3);
            assertEquals(QueryText.MAX_DENSE_QUERY_CHARS, embedder.batches.get(embedder.batches.size() - 1).get(0).length());
        }
    }
}
