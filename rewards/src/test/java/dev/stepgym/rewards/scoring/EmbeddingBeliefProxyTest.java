package dev.stepgym.rewards.scoring;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddingBeliefProxyTest {
    private static final String CAPITAL = "Paris is the capital of France.";
    private static final String RIVER = "The Seine flows through Paris.";
    private static final String NEAR = "France's capital city is Paris, on the Seine.";
    private static final String HALF = "Paris has many museums.";
    private static final String OPPOSITE = "Unrelated text about cooking.";

    private final TableEmbedder embedder = new TableEmbedder(Map.of(
            CAPITAL, new float[] {1, 0, 0},
            RIVER, new float[] {0, 1, 0},
            NEAR, new float[] {3, 4, 0},      // cos 0.6 with CAPITAL, 0.8 with RIVER
            HALF, new float[] {1, 0, 1},      // cos 1/sqrt(2) with CAPITAL, 0 with RIVER
            OPPOSITE, new float[] {-1, -1, 0} // cos -1/sqrt(2) with both
    ));
    private final EmbeddingBeliefProxy proxy = new EmbeddingBeliefProxy(embedder);

    @Test
    void meanOverFactsOfBestEvidenceCosine() {
        double p = proxy.belief(query(List.of(CAPITAL, RIVER), List.of(NEAR, HALF, OPPOSITE))).join();

        // CAPITAL: max(0.6, 0.70711, -0.70711) = 0.70711; RIVER: max(0.8, 0, -0.70711) = 0.8
        assertEquals((1 / Math.sqrt(2) + 0.8) / 2, p, 1e-6);
        assertEquals("proxy:minilm-evidence", proxy.source());
    }

    @Test
    void negativeSimilarityCountsAsZero() {
        assertEquals(0.0, proxy.belief(query(List.of(CAPITAL, RIVER), List.of(OPPOSITE))).join(), 1e-9);
    }

    @Test
    void identicalEvidenceGivesFullBelief() {
        assertEquals(1.0, proxy.belief(query(List.of(CAPITAL, RIVER), List.of(RIVER, CAPITAL))).join(), 1e-6);
    }

    @Test
    void noEvidenceIsZeroWithoutEmbedding() {
        assertEquals(0.0, proxy.belief(query(List.of(CAPITAL), List.of())).join());
        assertEquals(0, embedder.calls.get());
    }

    @Test
    void noSupportingFactsIsUnavailable() {
        CompletionException e = assertThrows(CompletionException.class, () -> proxy.belief(query(List.of(), List.of(NEAR))).join());
        assertInstanceOf(BeliefUnavailableException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("no supporting facts"), e.getCause().getMessage());
    }

    @Test
    void embedderFailureIsUnavailableNotThrown() {
        var future = proxy.belief(query(List.of(CAPITAL), List.of("text the table does not know")));

        CompletionException e = assertThrows(CompletionException.class, future::join);
        assertInstanceOf(BeliefUnavailableException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("embedding the evidence with table failed"), e.getCause().getMessage());
    }

    private static BeliefQuery query(List<String> facts, List<String> evidence) {
        return new BeliefQuery("What is the capital of France?", List.of(), "Paris", facts, evidence, null);
    }
}
