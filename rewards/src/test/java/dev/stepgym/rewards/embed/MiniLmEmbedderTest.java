package dev.stepgym.rewards.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("heavy")
class MiniLmEmbedderTest {
    private static final String CAT = "The cat sits on the mat";
    private static final String CAT_PARAPHRASE = "A cat is sitting on a mat";
    private static final String MARKETS = "Stock markets fell sharply";
    private static final List<String> MIXED = List.of(
            "cat", CAT, "", "Stock markets fell sharply after the central bank raised interest rates again",
            "量子コンピュータ 🐱 emoji", "Who directed the film that won the award in 1994?");

    private static MiniLmEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = MiniLmEmbedder.load();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    @Test
    void vectorsHave384UnitLengthDimensions() {
        float[][] v = embedder.embed(List.of(CAT, MARKETS));
        assertEquals(384, embedder.dimension());
        assertEquals("all-MiniLM-L6-v2", embedder.name());
        for (float[] vector : v) {
            assertEquals(384, vector.length);
            assertEquals(1.0, Vectors.norm(vector), 1e-5);
        }
    }

    @Test
    void aParaphraseIsCloserThanAnUnrelatedSentence() {
        float[] cat = embedder.embedOne(CAT);
        double paraphrase = Vectors.dot(cat, embedder.embedOne(CAT_PARAPHRASE));
        double unrelated = Vectors.dot(cat, embedder.embedOne(MARKETS));
        assertTrue(paraphrase > 0.8, "paraphrase cosine " + paraphrase);
        assertTrue(unrelated < 0.3, "unrelated cosine " + unrelated);
    }

    @Test
    void theSameTextTwiceGivesTheSameVector() {
        assertArrayEquals(embedder.embedOne(CAT), embedder.embedOne(CAT));
        float[][] twice = embedder.embed(List.of(CAT, CAT));
        assertArrayEquals(twice[0], twice[1]);
    }

    @Test
    void oneCallIsOneForwardPass() {
        long before = embedder.forwardPasses();
        embedder.embed(MIXED);
        assertEquals(before + 1, embedder.forwardPasses());
    }

    @Test
    void quantizedBatchVectorsStayCloseToOneByOneVectors() {
        // The int8 model scales activations over the whole batch, so companions move a vector a
        // little (measured: cosine 0.968 to 0.994 on these texts). Unmasked padding would move the
        // short texts far more; MeanPoolingTest checks the masking exactly.
        float[][] batch = embedder.embed(MIXED);
        for (int i = 0; i < MIXED.size(); i++) {
            double cosine = Vectors.dot(batch[i], embedder.embedOne(MIXED.get(i)));
            assertTrue(cosine > 0.95, "text " + i + " batch vs single cosine " + cosine);
        }
    }

    @Test
    void fullPrecisionBatchVectorsEqualOneByOneVectors() {
        Assumptions.assumeTrue(MiniLmModel.FULL_PRECISION.available(),
                "needs " + MiniLmModel.FULL_PRECISION.artifact() + " on the test classpath");
        try (MiniLmEmbedder full = MiniLmEmbedder.load(MiniLmModel.FULL_PRECISION)) {
            float[][] batch = full.embed(MIXED);
            for (int i = 0; i < MIXED.size(); i++) {
                float[] single = full.embedOne(MIXED.get(i));
                assertTrue(Vectors.maxAbsDiff(batch[i], single) <= 1e-5,
                        "text " + i + " differs by " + Vectors.maxAbsDiff(batch[i], single));
            }
        }
    }

    @Test
    void emptyAndHugeUnicodeTextsEmbed() {
        StringBuilder huge = new StringBuilder();
        while (huge.length() < 20_000) {
            huge.append("猫がマットの上に座っている 🐈‍⬛ emoji ünïcödé ");
        }
        float[][] v = embedder.embed(List.of("", huge.substring(0, 20_000)));
        assertEquals(1.0, Vectors.norm(v[0]), 1e-5);
        assertEquals(1.0, Vectors.norm(v[1]), 1e-5);
    }

    @Test
    void textsAreCutAt256WordPieces() {
        // "cat" is one word piece: 254 of them plus [CLS] and [SEP] fill the window exactly.
        float[] at254 = embedder.embedOne(repeat("cat", 254));
        float[] at600 = embedder.embedOne(repeat("cat", 600));
        float[] at100 = embedder.embedOne(repeat("cat", 100));
        assertArrayEquals(at254, at600);
        assertTrue(Vectors.maxAbsDiff(at254, at100) > 1e-4, "100 pieces must still differ from 254");
    }

    private static String repeat(String word, int times) {
        List<String> words = new ArrayList<>(Arrays.asList(new String[times]));
        words.replaceAll(w -> word);
        return String.join(" ", words);
    }

    @Test
    void anEmptyListGivesAnEmptyArrayWithoutAForwardPass() {
        long before = embedder.forwardPasses();
        assertEquals(0, embedder.embed(List.of()).length);
        assertEquals(before, embedder.forwardPasses());
    }

    @Test
    void nullInputIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> embedder.embed(Arrays.asList("a", null)));
        assertTrue(e.getMessage().contains("text 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> embedder.embed(null));
    }

    @Test
    void aClosedEmbedderRefusesWork() {
        MiniLmEmbedder other = MiniLmEmbedder.load();
        other.close();
        other.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> other.embedOne(CAT));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
