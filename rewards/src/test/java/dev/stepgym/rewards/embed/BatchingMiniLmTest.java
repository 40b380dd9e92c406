package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The batcher in front of the real model: 8 threads x 50 texts against direct calls. */
@Tag("heavy")
class BatchingMiniLmTest {

    @Test
    void fullPrecisionVectorsThroughTheBatcherEqualDirectOnes() throws Exception {
        Assumptions.assumeTrue(MiniLmModel.FULL_PRECISION.available(),
                "needs " + MiniLmModel.FULL_PRECISION.artifact() + " on the test classpath");
        try (MiniLmEmbedder model = MiniLmEmbedder.load(MiniLmModel.FULL_PRECISION)) {
            assertBatchedMatchesDirect(model, 1e-5);
        }
    }

    @Test
    void quantizedVectorsThroughTheBatcherStayCloseToDirectOnes() throws Exception {
        try (MiniLmEmbedder model = MiniLmEmbedder.load(MiniLmModel.QUANTIZED)) {
            // Batch-wide activation scales move each vector a little; see MiniLmModel.QUANTIZED.
            assertBatchedMatchesDirect(model, Double.NaN);
        }
    }

    /** With a NaN tolerance, compares by cosine > 0.95 instead of element-wise. */
    private static void assertBatchedMatchesDirect(MiniLmEmbedder model, double tolerance) throws Exception {
        try (BatchingEmbedder batched = new BatchingEmbedder(model, 32, Duration.ofMillis(5))) {
            long passesBefore = model.forwardPasses();
            float[][][] vectors = BatchingEmbedderTest.embedConcurrently(batched);
            long passes = model.forwardPasses() - passesBefore;

            for (int t = 0; t < 8; t++) {
                for (int i = 0; i < 50; i++) {
                    float[] direct = model.embedOne(BatchingEmbedderTest.text(t, i));
                    if (Double.isNaN(tolerance)) {
                        double cosine = Vectors.dot(direct, vectors[t][i]);
                        assertTrue(cosine > 0.95, "thread " + t + " text " + i + " cosine " + cosine);
                    } else {
                        double diff = Vectors.maxAbsDiff(direct, vectors[t][i]);
                        assertTrue(diff <= tolerance, "thread " + t + " text " + i + " differs by " + diff);
                    }
                }
            }
            BatchingEmbedder.Stats stats = batched.stats();
            assertEquals(400, stats.texts());
            assertEquals(passes, stats.forwardPasses(), "one model pass per batch");
            assertTrue(stats.largestBatch() > 1, stats.toString());
            assertTrue(stats.meanBatchSize() > 1.5, stats.toString());
        }
    }
}
