package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** The pooling step alone, on hand-made hidden states: padded positions must not count. */
class MeanPoolingTest {

    @Test
    void masksPaddingAveragesRealTokensAndNormalises() {
        // batch 2, length 3, dim 2. Row 0: tokens (1,0) (3,4) + padding (100,100).
        // Row 1: tokens (0,2) (0,4) (0,6), no padding.
        float[] hidden = {
            1, 0, 3, 4, 100, 100,
            0, 2, 0, 4, 0, 6,
        };
        long[] mask = {1, 1, 0, 1, 1, 1};

        float[][] v = MiniLmEmbedder.meanPoolAndNormalise(hidden, mask, 2, 3);

        // Row 0 mean (2, 2) -> (1/sqrt2, 1/sqrt2); row 1 mean (0, 4) -> (0, 1).
        float r = (float) (1 / Math.sqrt(2));
        assertArrayEquals(new float[] {r, r}, v[0], 1e-6f);
        assertArrayEquals(new float[] {0, 1}, v[1], 1e-6f);
    }

    @Test
    void anAllZeroRowStaysZeroInsteadOfNaN() {
        float[][] v = MiniLmEmbedder.meanPoolAndNormalise(new float[] {0, 0}, new long[] {1}, 1, 1);
        assertArrayEquals(new float[] {0, 0}, v[0]);
    }
}
