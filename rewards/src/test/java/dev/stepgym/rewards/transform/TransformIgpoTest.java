package dev.stepgym.rewards.transform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stepgym.rewards.transform.TransformTesting.assertRejected;
import static dev.stepgym.rewards.transform.TransformTesting.assertValues;
import static dev.stepgym.rewards.transform.TransformTesting.traj;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformIgpoTest {
    // Turn rewards: information gain per tool turn, 0 on the answer turn, which also gets the outcome.
    //   a: IG [0.2, 0.3], answer; outcome 1   -> r = [0.2, 0.3, 1] -> R (gamma 1) = [1.5, 1.3, 1]
    //   b: IG [0.1], answer; outcome 0        -> r = [0.1, 0]      -> R = [0.1, 0]
    //   c: answer only; outcome 0.5           -> r = [0.5]         -> R = [0.5]
    private static final TrajectoryGroup GROUP = TrajectoryGroup.of(
            traj("a", 1.0, 0.2, 0.3, 0), traj("b", 0.0, 0.1, 0), traj("c", 0.5, 0));

    @Test
    void positionWiseMeanOverPaddedRowsWithoutStd() {
        // Baseline per turn k over ALL n = 3 rows, a row without turn k adding 0 (pitfall 3):
        //   k0: (1.5 + 0.1 + 0.5) / 3 = 0.7;  k1: (1.3 + 0 + pad 0) / 3 = 1.3/3;  k2: (1 + pad 0 + pad 0) / 3 = 1/3
        // A = R - baseline, no std:
        //   a: [1.5 - 0.7, 1.3 - 1.3/3, 1 - 1/3] = [0.8, 2.6/3, 2/3]
        //   b: [0.1 - 0.7, 0 - 1.3/3]            = [-0.6, -1.3/3]
        //   c: [0.5 - 0.7]                       = [-0.2]
        // (A mean over the members present would give a's last turn 1 - 1 = 0 and its k1 1.3 - 0.65.)
        TransformResult r = Transforms.apply("igpo", GROUP, Map.of());
        assertValues(r.values(0), 0.8, 2.6 / 3, 2.0 / 3);
        assertValues(r.values(1), -0.6, -1.3 / 3);
        assertValues(r.values(2), -0.2);
        assertTrue(r.trajectories().get(0).scalar().isEmpty());
    }

    @Test
    void gammaDiscountsWithinEachTrajectory() {
        // gamma 0.5: a R = [0.2 + 0.5 * (0.3 + 0.5 * 1), 0.3 + 0.5, 1] = [0.6, 0.8, 1]; b R = [0.1, 0]; c R = [0.5]
        // baselines: k0 (0.6 + 0.1 + 0.5)/3 = 0.4; k1 0.8/3; k2 1/3
        TransformResult r = Transforms.apply("igpo", GROUP, Map.of("gamma", 0.5));
        assertValues(r.values(0), 0.2, 0.8 - 0.8 / 3, 2.0 / 3);
        assertValues(r.values(1), 0.1 - 0.4, -0.8 / 3);
        assertValues(r.values(2), 0.1);
    }

    @Test
    void aGroupOfOneIsItsOwnBaseline() {
        // n = 1: the baseline is the row itself, so every advantage is 0
        assertValues(Transforms.apply("igpo", TrajectoryGroup.of(traj("a", 1.0, 0.2, 0)), Map.of()).values(0), 0, 0);
    }

    @Test
    void gammaMustBeInTheUnitInterval() {
        assertRejected("transform igpo: parameter \"gamma\" must be a number in [0, 1], got -0.1", "igpo", GROUP, Map.of("gamma", -0.1));
    }
}
