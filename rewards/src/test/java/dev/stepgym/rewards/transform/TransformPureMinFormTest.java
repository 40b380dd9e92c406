package dev.stepgym.rewards.transform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stepgym.rewards.transform.TransformTesting.assertRejected;
import static dev.stepgym.rewards.transform.TransformTesting.assertValues;
import static dev.stepgym.rewards.transform.TransformTesting.traj;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TransformPureMinFormTest {
    private static TransformResult pure(Map<String, ?> params, TrajectoryRewards t) {
        return Transforms.apply("pure_min_form", TrajectoryGroup.of(t), params);
    }

    @Test
    void softmaxOfNegatedScoresAtTemperatureOneTenthWeightsTheWorstStep() {
        // PR = [0.5, -0.5], T = 0.1 (default): logits -PR/T = [-5, 5]
        // w = [e^-5, e^5] / (e^-5 + e^5) = [1/(1+e^10), e^10/(1+e^10)] = [4.5397868702434395e-05, 0.9999546021312976]
        // r' = w * PR = [2.2698934351217197e-05, -0.4999773010656488]
        // G  = reverse cumulative sum = [-0.4999546021312976, -0.4999773010656488]: close to min PR = -0.5
        TransformResult r = pure(Map.of(), traj("a", 0.0, 0.5, -0.5));
        assertValues(r.values(0), -0.4999546021312976, -0.4999773010656488);
        assertEquals(-0.4999546021312976, r.trajectories().get(0).scalar().getAsDouble(), TransformTesting.TOL);
        assertValues(pure(Map.of("returns", false), traj("a", 0.0, 0.5, -0.5)).values(0), 2.2698934351217197e-05, -0.4999773010656488);
    }

    @Test
    void weightsAreGlobalOverTheTrajectoryNotSuffixWise() {
        // PR = [-1, 0.5], T = 0.1: logits [10, -5]; global weights w = [e^10, e^-5] / (e^10 + e^-5):
        // r'_0 = -1 * e^10/(e^10 + e^-5) = -0.9999996940977731, r'_1 = 0.5 * e^-5/(e^10 + e^-5) = 1.5295111346281236e-07.
        // A suffix-wise softmax over the remaining step alone would give it weight 1: r'_1 = 0.5 (pitfall 5).
        assertValues(pure(Map.of("returns", false), traj("a", 0.0, -1, 0.5)).values(0), -0.9999996940977731, 1.5295111346281236e-07);
    }

    @Test
    void equalScoresAreAPlainMean() {
        // PR = [0.3, 0.3, 0.3]: w = 1/3 each, r' = 0.1 each, G = [0.3, 0.2, 0.1]
        assertValues(pure(Map.of(), traj("a", 0.0, 0.3, 0.3, 0.3)).values(0), 0.3, 0.2, 0.1);
    }

    @Test
    void theOutcomeIsNotRead() {
        assertEquals(pure(Map.of(), traj("a", 0.0, 0.5, -0.5)).values(), pure(Map.of(), traj("a", 100.0, 0.5, -0.5)).values());
    }

    @Test
    void largeScoresDoNotOverflow() {
        // PR = [-100, 100], T = 0.1: logits [1000, -1000]. Unshifted, e^1000 is infinite and w NaN;
        // shifted by the max, w = [1, e^-2000 = 0]: r' = [-100, 0], G = [-100, 0].
        assertValues(pure(Map.of(), traj("a", 0.0, -100, 100)).values(0), -100, 0);
    }

    @Test
    void temperatureMustBePositive() {
        TrajectoryGroup g = TrajectoryGroup.of(traj("a", 0.0, 1));
        assertRejected("transform pure_min_form: parameter \"temperature\" must be a number > 0, got 0", "pure_min_form", g, Map.of("temperature", 0));
        assertRejected("transform pure_min_form: parameter \"temperature\" must be a number > 0, got \"hot\"", "pure_min_form", g, Map.of("temperature", "hot"));
        assertRejected("transform pure_min_form: parameter \"returns\" must be true or false, got \"yes\"", "pure_min_form", g, Map.of("returns", "yes"));
    }
}
