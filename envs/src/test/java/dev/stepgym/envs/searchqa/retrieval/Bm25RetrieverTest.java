package dev.stepgym.envs.searchqa.retrieval;

import dev.stepgym.envs.searchqa.world.Corpus;
import dev.stepgym.envs.searchqa.world.Document;
import dev.stepgym.envs.searchqa.world.Hop;
import dev.stepgym.envs.searchqa.world.Question;
import dev.stepgym.envs.searchqa.world.WorldGenerator;
import dev.stepgym.envs.searchqa.world.WorldSize;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Bm25RetrieverTest {
    static final List<Document> FRUIT = List.of(
            new Document("d2", "Gamma", "delta"),
            new Document("d1", "Alpha", "alpha beta"));

    static Corpus corpus(List<Document> documents) {
        return new Corpus("test", documents, List.of());
    }

    @Test
    void scoresAreLuceneBm25WithTheTitleCountedTwice() {
        try (Retriever bm25 = new Bm25Retriever(corpus(FRUIT))) {
            assertEquals("bm25", bm25.name());
            // "beta" is in d1's text only: idf = ln(1 + (2 - 1 + 0.5) / (1 + 0.5)) = ln 2; text lengths 2 and 1, so
            // avgdl = 1.5 and tf-norm = 1 / (1 + 1.2 * (0.25 + 0.75 * 2 / 1.5)) = 0.4.
            List<SearchHit> beta = bm25.search("beta", 5);
            assertEquals(1, beta.size());
            assertEquals("d1", beta.get(0).documentId());
            assertEquals("Alpha", beta.get(0).title());
            assertEquals(Math.log(2) * 0.4, beta.get(0).score(), 1e-4);
            // "alpha" also matches d1's one-word title (avgdl 1): tf-norm 1 / 2.2, counted twice.
            assertEquals(Math.log(2) * (2 / 2.2 + 0.4), bm25.search("alpha", 5).get(0).score(), 1e-4);
        }
    }

    @Test
    void equalScoresAreOrderedByDocumentId() {
        List<Document> twins = List.of(new Document("b", "Twin", "same words here"),
                new Document("c", "Other", "nothing"), new Document("a", "Twin", "same words here"));
        try (Retriever bm25 = new Bm25Retriever(corpus(twins))) {
            List<SearchHit> hits = bm25.search("twin words", 5);
            assertEquals(List.of("a", "b"), hits.stream().map(SearchHit::documentId).toList());
            assertEquals(hits.get(0).score(), hits.get(1).score());
        }
    }

    @Test
    void snippetIsTheSentenceWithMostQueryTermsEarliestOnTies() {
        String text = "Apples are red. Bananas are yellow and apples are sweet. Cherries are dark.";
        try (Retriever bm25 = new Bm25Retriever(corpus(List.of(new Document("f", "Fruit", text))))) {
            assertEquals("Bananas are yellow and apples are sweet.", bm25.search("sweet apples", 1).get(0).snippet());
            assertEquals("Apples are red.", bm25.search("apples", 1).get(0).snippet());
            assertEquals("Cherries are dark.", bm25.search("dark cherry", 1).get(0).snippet());
        }
    }

    @Test
    void longSentencesAreCutAtAWordBoundary() {
        StringBuilder sentence = new StringBuilder("Needle");
        for (int i = 0; sentence.length() < 400; i++) {
            sentence.append(" word").append(i);
        }
        String text = sentence + ".";
        try (Retriever bm25 = new Bm25Retriever(corpus(List.of(new Document("x", "Long", text))))) {
            String snippet = bm25.search("needle", 1).get(0).snippet();
            assertTrue(snippet.length() <= SearchHit.MAX_SNIPPET_CHARS, snippet.length() + "");
            assertTrue(snippet.length() > 180, "cut close to the limit: " + snippet.length());
            assertTrue(text.startsWith(snippet + " "), "ends on a whole word: " + snippet);
        }
    }

    @Test
    void hostileOrEmptyQueriesNeverThrow() {
        try (Retriever bm25 = new Bm25Retriever(corpus(FRUIT))) {
            assertEquals(List.of(), bm25.search(null, 5));
            assertEquals(List.of(), bm25.search("", 5));
            assertEquals(List.of(), bm25.search("  \t\n ", 5));
            assertEquals(List.of(), bm25.search("AND OR (*", 5), "stop words and syntax only");
            assertEquals(List.of(), bm25.search("😀🎉", 5));
            assertEquals(List.of(), bm25.search("alpha", 0));
            assertEquals(List.of(), bm25.search("alpha", -3));
            assertEquals("d1", bm25.search("title:alpha~2 AND -beta) \"", 5).get(0).documentId());
            assertEquals("d1", bm25.search("Ünïcödé 😀 alpha ✓", 5).get(0).documentId());
            assertEquals(1, bm25.search("alpha", Integer.MAX_VALUE).size());

            String huge = "zzz ".repeat(25_000) + "alpha";
            String unbroken = "x".repeat(100_000);
            assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> {
                assertEquals(List.of(), bm25.search(huge, 5), "only the first 64 terms count");
                assertEquals(List.of(), bm25.search(unbroken, 5));
                assertEquals("d1", bm25.search("alpha " + "yyy ".repeat(25_000), 5).get(0).documentId());
            });
        }
    }

    @Test
    void findsMostHopGoldDocumentsOfTheGeneratedWorld() {
        Corpus world = WorldGenerator.generate(3L, WorldSize.small());
        int hops = 0;
        int found = 0;
        try (Retriever bm25 = new Bm25Retriever(world)) {
            for (Question q : world.questions()) {
                for (Hop hop : q.hops()) {
                    hops++;
                    if (bm25.search(hop.query(), 5).stream().anyMatch(h -> h.documentId().equals(hop.documentId()))) {
                        found++;
                    }
                }
            }
        }
        assertTrue(found >= 0.95 * hops, found + " of " + hops + " hop queries find their gold document in the top 5");
    }

    @Test
    void concurrentSearchesAgreeWithSequentialOnes() throws Exception {
        Corpus world = WorldGenerator.generate(5L, WorldSize.small());
        List<String> queries = world.questions().stream().map(Question::text).toList();
        try (Retriever bm25 = new Bm25Retriever(world)) {
            List<List<SearchHit>> expected = queries.stream().map(q -> bm25.search(q, 10)).toList();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<SearchHit>>> futures = new ArrayList<>();
                for (String q : queries) {
                    futures.add(pool.submit(() -> bm25.search(q, 10)));
                }
                for (int i = 0; i < queries.size(); i++) {
                    assertEquals(expected.get(i), futures.get(i).get());
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
