package dev.stepgym.rewards.transform;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalDouble;

import static dev.stepgym.rewards.transform.TransformTesting.assertRejected;
import static dev.stepgym.rewards.transform.TransformTesting.assertValues;
import static dev.stepgym.rewards.transform.TransformTesting.traj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformGrpoTest {
    // Outcomes [1, 0, 0, 1]: mean 0.5; squared deviations 4 * 0.25 = 1.
    private static final TrajectoryGroup FOUR = TrajectoryGroup.of(
            traj("a", 1.0, 0, 0), traj("b", 0.0, 0), traj("c", 0.0, 0, 0, 0), traj("d", 1.0, 0));

    @Test
    void normalisesByTheUnbiasedStdPlusEpsilon() {
        // std (N-1) = sqrt(1/3) = 0.5773502691896257; A = ±0.5 / (0.5773502691896257 + 1e-6) = ±0.8660239037870368.
        // A biased std (N) would be 0.5 and give ±1 (pitfall 10).
        TransformResult r = Transforms.apply("grpo", FOUR, Map.of());
        double a = 0.8660239037870368;
        assertValues(r.values(0), a, a);          // broadcast to a's 2 steps
        assertValues(r.values(1), -a);
        assertValues(r.values(2), -a, -a, -a);
        assertValues(r.values(3), a);
        assertEquals(a, r.trajectories().get(0).scalar().getAsDouble(), TransformTesting.TOL);
    }

    @Test
    void epsilonIsAParameter() {
        // lambda-GRPO's 1e-4: 0.5 / (0.5773502691896257 + 1e-4) = 0.8658754297607016
        assertValues(Transforms.apply("grpo", FOUR, Map.of("epsilon", 1e-4)).values(0), 0.8658754297607016, 0.8658754297607016);
    }

    @Test
    void withoutStdItIsTheDeviationFromTheMean() {
        // Dr.GRPO: A = R - 0.5
        TransformResult r = Transforms.apply("grpo", FOUR, Map.of("normalize_std", false));
        assertValues(r.values(0), 0.5, 0.5);
        assertValues(r.values(1), -0.5);
    }

    @Test
    void aGroupOfOneHasMeanZeroAndStdOne() {
        // |G| = 1: mean 0, std 1 -> A = 0.8 / (1 + 1e-6) = 0.7999992000008002; without std A = 0.8 (pitfall 10)
        TrajectoryGroup one = TrajectoryGroup.of(traj("a", 0.8, 0, 0));
        assertValues(Transforms.apply("grpo", one, Map.of()).values(0), 0.7999992000008002, 0.7999992000008002);
        assertValues(Transforms.apply("grpo", one, Map.of("normalize_std", false)).values(0), 0.8, 0.8);
    }

    @Test
    void equalOutcomesGiveZeroNotNaN() {
        // std 0: A = 0 / (0 + 1e-6) = 0
        TransformResult r = Transforms.apply("grpo", TrajectoryGroup.of(traj("a", 0.7, 0), traj("b", 0.7, 0)), Map.of());
        assertValues(r.values(0), 0);
        assertValues(r.values(1), 0);
    }

    @Test
    void aTrajectoryWithoutStepsStillCountsAndKeepsItsAdvantage() {
        // outcomes [1, 0], no std: mean 0.5; b has no steps but its outcome is in the mean
        TransformResult r = Transforms.apply("grpo", TrajectoryGroup.of(traj("a", 1.0, 0), traj("b", 0.0)), Map.of("normalize_std", false));
        assertValues(r.values(0), 0.5);
        assertTrue(r.values(1).isEmpty());
        assertEquals(OptionalDouble.of(-0.5), r.trajectories().get(1).scalar());
    }

    @Test
    void badParametersAreNamed() {
        assertRejected("transform grpo: parameter \"epsilon\" must be a number > 0, got \"x\"", "grpo", FOUR, Map.of("epsilon", "x"));
        assertRejected("transform grpo: parameter \"epsilon\" must be a number > 0, got 0.0", "grpo", FOUR, Map.of("epsilon", 0.0));
        assertRejected("transform grpo: parameter \"normalize_std\" must be true or false, got 1", "grpo", FOUR, Map.of("normalize_std", 1));
        assertRejected("transform grpo has no parameter \"std\" (known: [epsilon, normalize_std])", "grpo", FOUR, Map.of("std", true));
    }
}
