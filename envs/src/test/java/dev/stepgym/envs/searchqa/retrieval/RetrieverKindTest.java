package dev.stepgym.envs.searchqa.retrieval;

import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.Document;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RetrieverKindTest {
    static final Corpus ONE = new Corpus("one", List.of(new Document("d", "Apple", "apple")), List.of());

    @Test
    void parsesNamesInAnyCase() {
        assertEquals(RetrieverKind.BM25, RetrieverKind.parse("bm25"));
        assertEquals(RetrieverKind.DENSE, RetrieverKind.parse(" Dense "));
        assertEquals(RetrieverKind.HYBRID, RetrieverKind.parse("HYBRID"));
        assertEquals("hybrid", RetrieverKind.HYBRID.id());
    }

    @Test
    void badNamesListTheChoices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetrieverKind.parse("tfidf"));
        assertEquals("unknown retriever 'tfidf'; expected one of [bm25, dense, hybrid]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RetrieverKind.parse(null));
    }

    @Test
    void opensTheMatchingRetriever() {
        try (Retriever bm25 = RetrieverKind.BM25.open(ONE, null)) {
            assertInstanceOf(Bm25Retriever.class, bm25);
        }
        try (Retriever dense = RetrieverKind.DENSE.open(ONE, BagOfWordsEmbedder.hashing(8))) {
            assertInstanceOf(DenseRetriever.class, dense);
            assertEquals("d", dense.search("apple", 1).get(0).documentId());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetrieverKind.HYBRID.open(ONE, null));
        assertEquals("the hybrid retriever needs a text embedder", e.getMessage());
    }
}
