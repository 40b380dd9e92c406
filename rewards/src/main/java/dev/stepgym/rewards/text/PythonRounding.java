package dev.stepgym.rewards.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's {@code round(x, ndigits)} for floats, which StepSearch applies to every F1 ({@code round(f1, 4)}).
 *
 * <p>Python rounds the double's <em>exact</em> binary value, ties to even: {@code round(0.03125, 4)}
 * is {@code 0.0312} (a true tie, 0.03125 = 1/32, goes to the even digit) and {@code round(2.675, 2)}
 * is {@code 2.67} (the double 2.675 is really 2.67499999…). {@code Math.round(x * 1e4) / 1e4} gets
 * both wrong; {@code new BigDecimal(double)} holds the exact value, so HALF_EVEN on it is Python's rule.
 *
 * <pre>{@code
 * PythonRounding.round(2.0 / 3.0, 4)   // 0.6667
 * }</pre>
 */
public final class PythonRounding {
    private PythonRounding() {
    }

    /** {@code round(value, digits)}; NaN and infinities come back unchanged, as in Python. */
    public static double round(double value, int digits) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double rounded = new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).doubleValue();
        // BigDecimal has no negative zero; Python keeps the sign (round(-0.00001, 4) == -0.0).
        return rounded == 0.0 ? Math.copySign(0.0, value) : rounded;
    }

    /** StepSearch's {@code round(x, 4)}. */
    public static double round4(double value) {
        return round(value, 4);
    }
}
