package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A short run of the bench on the real model: the figures are sane, no speed is asserted. */
@Tag("heavy")
class EmbeddingBenchMiniLmTest {

    @Test
    void measuresTheRealModelSideBySide() {
        try (MiniLmEmbedder model = MiniLmEmbedder.load()) {
            long before = model.forwardPasses();
            EmbeddingBench.Result r = EmbeddingBench.compare(model, 256, 16, 16);
            System.out.println(r);

            assertTrue(r.rawTextsPerSecond() > 0 && r.batchedTextsPerSecond() > 0, r.toString());
            assertTrue(r.meanBatchSize() > 1, r.toString());
            assertEquals(r.batchedTextsPerSecond() / r.rawTextsPerSecond(), r.ratio(), 1e-9);
            assertTrue(model.forwardPasses() - before >= 2 + 16, "raw warm-up and raw run passes");
        }
    }
}
