package dev.stepgym.rewards.scoring;

import dev.stepgym.rewards.embed.MiniLmEmbedder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The proxy with the real all-MiniLM-L6-v2 model: related evidence scores above unrelated evidence. */
@Tag("heavy")
class EmbeddingBeliefProxyMiniLmTest {
    private static final String FACT_TOWER = "The Eiffel Tower was designed by the engineering company of Gustave Eiffel.";
    private static final String FACT_CITY = "The Eiffel Tower stands in Paris, the capital of France.";

    private static MiniLmEmbedder embedder;
    private static EmbeddingBeliefProxy proxy;

    @BeforeAll
    static void load() {
        embedder = MiniLmEmbedder.load();
        proxy = new EmbeddingBeliefProxy(embedder);
    }

    @AfterAll
    static void close() {
        proxy.close();
        embedder.close();
    }

    @Test
    void evidenceEqualToTheFactsGivesFullBelief() {
        assertEquals(1.0, belief(List.of(FACT_CITY, FACT_TOWER)), 1e-4);
    }

    @Test
    void relatedEvidenceScoresAboveUnrelatedAndUnrelatedExtraEvidenceBarelyMatters() {
        double unrelated = belief(List.of("Bananas are rich in potassium and grow in tropical climates."));
        double related = belief(List.of("Gustave Eiffel's firm built the iron tower in Paris."));
        double both = belief(List.of("Bananas are rich in potassium and grow in tropical climates.",
                "Gustave Eiffel's firm built the iron tower in Paris."));

        assertTrue(related > unrelated + 0.2, "related " + related + " vs unrelated " + unrelated);
        assertTrue(related > 0 && related < 1, "related " + related);
        // An unrelated extra passage cannot win the max; the value moves only a little because the
        // quantized model's vectors shift with what else is in the batch (seen: 0.7556 vs 0.7503).
        assertEquals(related, both, 0.02);
    }

    private static double belief(List<String> evidence) {
        return proxy.belief(new BeliefQuery("Who built the Eiffel Tower?", List.of(), "Gustave Eiffel",
                List.of(FACT_TOWER, FACT_CITY), evidence, null)).join();
    }
}
