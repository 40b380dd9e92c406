package dev.stepgym.rewards.text;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PythonRoundingTest {

    @Test
    void exactTiesGoToTheEvenDigit() {
        // 0.03125 = 1/32 is exact in binary: a true tie. Python round(0.03125, 4) == 0.0312 (2 is even),
        // round(0.09375, 4) == 0.0938 (7 is odd, so up to 8). HALF_UP would give 0.0313.
        assertEquals(0.0312, PythonRounding.round4(0.03125));
        assertEquals(0.0938, PythonRounding.round4(0.09375));
    }

    @Test
    void roundsTheExactBinaryValueNotTheDecimalLiteral() {
        // The double 2.675 is 2.67499999999999982236431605997495353221893310546875, so Python gives 2.67.
        assertEquals(2.67, PythonRounding.round(2.675, 2));
    }

    @Test
    void typicalF1Values() {
        assertEquals(0.6667, PythonRounding.round4(2.0 / 3.0));
        assertEquals(0.3333, PythonRounding.round4(1.0 / 3.0));
        assertEquals(0.8, PythonRounding.round4(0.8));
    }

    @Test
    void keepsSignOfZeroAndPassesNonFiniteValues() {
        // Python: round(-0.00001, 4) == -0.0
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(PythonRounding.round4(-0.00001)));
        assertTrue(Double.isNaN(PythonRounding.round4(Double.NaN)));
        assertEquals(Double.POSITIVE_INFINITY, PythonRounding.round4(Double.POSITIVE_INFINITY));
    }
}
