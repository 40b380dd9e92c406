package dev.stepgym.scenarios.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The Wilson score interval against values computed by hand (and by statsmodels' proportion_confint). */
class WilsonScoreTest {

    @Test
    void matchesTheFormula() {
        CodeEvalReport.Interval seven = WilsonScore.interval95(7, 10);
        assertEquals(0.3968, seven.low(), 1e-4);
        assertEquals(0.8922, seven.high(), 1e-4);
        assertEquals("wilson", seven.method());
        CodeEvalReport.Interval none = WilsonScore.interval95(0, 2);
        assertEquals(0.0, none.low(), 1e-12);
        assertEquals(0.6576, none.high(), 1e-4);
        CodeEvalReport.Interval all = WilsonScore.interval95(2, 2);
        assertEquals(0.3424, all.low(), 1e-4);
        assertEquals(1.0, all.high(), 1e-12);
        CodeEvalReport.Interval empty = WilsonScore.interval95(0, 0);
        assertEquals(0.0, empty.low());
        assertEquals(1.0, empty.high());
        assertThrows(IllegalArgumentException.class, () -> WilsonScore.interval95(3, 2));
    }
}
