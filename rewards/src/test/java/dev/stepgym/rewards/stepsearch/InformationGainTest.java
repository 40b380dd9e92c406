package dev.stepgym.rewards.stepsearch;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class InformationGainTest {
    private static final double EPS = 1e-9;
    // cos("alpha gamma", "alpha beta") fitted on those two texts:
    // idf(alpha, df 2) = ln(3/3) + 1 = 1; idf(gamma|beta, df 1) = ln(3/2) + 1 = 1.4054651
    // cos = 1*1 / (1 + 1.4054651^2) = 1 / 2.9753321 = 0.3360969
    private static final double PARTIAL = 0.3360969273;

    @Test
    void gainIsOnlyTheImprovementOverTheBestSoFar() {
        InformationGain ig = new InformationGain(List.of("alpha beta"));
        assertEquals(PARTIAL, ig.step(List.of("alpha gamma")), EPS);
        // full match: 1 - 0.3360969 = 0.6639031
        assertEquals(1.0 - PARTIAL, ig.step(List.of("alpha beta")), EPS);
        // the same gold document again, or a worse one, gains nothing
        assertEquals(0.0, ig.step(List.of("alpha beta")), EPS);
        assertEquals(0.0, ig.step(List.of("alpha gamma")), EPS);
        assertArrayEquals(new double[] {1.0}, ig.coverage(), EPS);
    }

    @Test
    void bestDocumentOfAStepCounts() {
        InformationGain ig = new InformationGain(List.of("alpha beta"));
        assertEquals(1.0, ig.step(List.of("alpha gamma", "alpha beta", "zeta")), EPS);
    }

    @Test
    void gainIsAveragedOverTheGoldDocuments() {
        // Golds "alpha beta", "gamma delta"; doc "alpha gamma". n = 3:
        // idf(alpha|gamma, df 2) = ln(4/3) + 1 = 1.2876821 (= a); idf(beta|delta, df 1) = ln(2) + 1 = 1.6931472 (= b)
        // cos(doc, gold_j) = a^2 / (a*sqrt(2) * sqrt(a^2 + b^2)) = 1.6581250 / (1.8210575 * 2.1271748) = 0.4280460
        // IG = (0.4280460 + 0.4280460) / m, m = 2 -> 0.4280460
        InformationGain ig = new InformationGain(List.of("alpha beta", "gamma delta"));
        assertEquals(0.4280460351, ig.step(List.of("alpha gamma")), EPS);
        // Then "alpha beta" fully matches gold 0 (fit on 3 texts: cos 1) and nothing in gold 1:
        // IG = ((1 - 0.4280460) + 0) / 2 = 0.2859770
        assertEquals((1.0 - 0.4280460351) / 2, ig.step(List.of("alpha beta")), EPS);
    }

    @Test
    void documentsAndGoldsAreNormalisedBeforeMatching() {
        InformationGain ig = new InformationGain(List.of("Alpha-beta, the gamma."));   // -> "alphabeta gamma"
        assertEquals(1.0, ig.step(List.of("THE alphabeta; gamma!")), EPS);
    }

    @Test
    void emptyStepGainsNothingAndChangesNothing() {
        InformationGain ig = new InformationGain(List.of("alpha beta"));
        assertEquals(0.0, ig.step(List.of()));
        assertArrayEquals(new double[] {0.0}, ig.coverage());
        assertEquals(PARTIAL, ig.step(List.of("alpha gamma")), EPS);
    }

    @Test
    void noGoldDocumentsMeansZeroGain() {
        InformationGain ig = new InformationGain(List.of());
        assertEquals(0, ig.goldCount());
        assertEquals(0.0, ig.step(List.of("alpha beta")));
        assertEquals(0, ig.coverage().length);
    }

    @Test
    void copyIsIndependent() {
        InformationGain ig = new InformationGain(List.of("alpha beta"));
        ig.step(List.of("alpha gamma"));
        InformationGain fork = ig.copy();
        assertEquals(1.0 - PARTIAL, fork.step(List.of("alpha beta")), EPS);
        assertArrayEquals(new double[] {PARTIAL}, ig.coverage(), EPS);
        assertEquals(1.0 - PARTIAL, ig.step(List.of("alpha beta")), EPS);
    }

    @Test
    void nullInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new InformationGain(null));
        assertThrows(IllegalArgumentException.class, () -> new InformationGain(List.of("a")).step(null));
    }
}
