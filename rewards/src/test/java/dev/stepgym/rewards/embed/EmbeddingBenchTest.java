package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Runs the bench for correctness of its figures, never for a speed threshold (DESIGN.md §6). */
class EmbeddingBenchTest {

    @Test
    void reportsBothRatesTheirRatioAndTheBatchSizesFormed() {
        FakeEmbedder fake = new FakeEmbedder();
        EmbeddingBench.Result r = EmbeddingBench.compare(fake, 400, 16, 8);

        assertEquals(400, r.texts());
        assertTrue(r.rawTextsPerSecond() > 0 && r.batchedTextsPerSecond() > 0, r.toString());
        assertEquals(r.batchedTextsPerSecond() / r.rawTextsPerSecond(), r.ratio(), 1e-9);
        assertTrue(r.meanBatchSize() >= 1 && r.meanBatchSize() <= 8, r.toString());
        // Raw side: warm-up (32 texts) and 400 texts in calls of 16; the batcher's calls come on top.
        int rawCalls = 2 + 25;
        assertTrue(fake.calls.size() > rawCalls, "batched side made no calls");
        assertEquals(2 * (32 + 400), fake.textsEmbedded());
    }

    @Test
    void sentencesAreDeterministicAndDistinct() {
        List<String> a = EmbeddingBench.sentences(50, 7);
        assertEquals(a, EmbeddingBench.sentences(50, 7));
        assertEquals(50, a.stream().distinct().count());
        assertNotEquals(a, EmbeddingBench.sentences(50, 8));
    }

    @Test
    void badSizesAreRejected() {
        FakeEmbedder fake = new FakeEmbedder();
        assertThrows(IllegalArgumentException.class, () -> EmbeddingBench.compare(fake, 0, 8, 8));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingBench.compare(fake, 10, 0, 8));
        assertThrows(IllegalArgumentException.class, () -> EmbeddingBench.compare(fake, 10, 8, 0));
    }
}
