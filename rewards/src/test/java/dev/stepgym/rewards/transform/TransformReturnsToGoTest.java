package dev.stepgym.rewards.transform;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalDouble;

import static dev.stepgym.rewards.transform.TransformTesting.assertRejected;
import static dev.stepgym.rewards.transform.TransformTesting.assertValues;
import static dev.stepgym.rewards.transform.TransformTesting.traj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformReturnsToGoTest {

    @Test
    void undiscountedReturnsAddTheOutcomeAtTheFinalStep() {
        // r = [1, 0, 2 + outcome 3] = [1, 0, 5]; R_2 = 5, R_1 = 0 + 5 = 5, R_0 = 1 + 5 = 6
        TransformResult r = Transforms.apply("returns_to_go", TrajectoryGroup.of(traj("a", 3.0, 1, 0, 2)), Map.of());
        assertValues(r.values(0), 6, 5, 5);
        assertEquals(OptionalDouble.of(6.0), r.trajectories().get(0).scalar());
    }

    @Test
    void gammaDiscountsLaterRewards() {
        // gamma 0.5, r = [1, 0, 2]: R_2 = 2, R_1 = 0 + 0.5*2 = 1, R_0 = 1 + 0.5*1 = 1.5
        TransformResult r = Transforms.apply("returns_to_go", TrajectoryGroup.of(traj("a", 0.0, 1, 0, 2)), Map.of("gamma", 0.5));
        assertValues(r.values(0), 1.5, 1, 2);
        // gamma 0: each step keeps only its own reward
        assertValues(Transforms.apply("returns_to_go", TrajectoryGroup.of(traj("a", 0.0, 1, 0, 2)), Map.of("gamma", 0)).values(0), 1, 0, 2);
    }

    @Test
    void aGroupIsTransformedMemberByMember() {
        // a: r = [1, 1] -> [2, 1]; b: r = [0 + 4] -> [4]; the other member changes nothing.
        TransformResult both = Transforms.apply("returns_to_go", TrajectoryGroup.of(traj("a", 0.0, 1, 1), traj("b", 4.0, 0)), null);
        assertValues(both.values(0), 2, 1);
        assertValues(both.values(1), 4);
        assertEquals(both.values(1), Transforms.apply("returns_to_go", TrajectoryGroup.of(traj("b", 4.0, 0)), null).values(0));
        assertEquals("b", both.trajectories().get(1).id());
    }

    @Test
    void noStepsGiveNoValuesAndNoReturn() {
        TrajectoryValues v = Transforms.apply("returns_to_go", TrajectoryGroup.of(traj("a", 1.0)), Map.of()).trajectories().get(0);
        assertTrue(v.values().isEmpty());
        assertTrue(v.scalar().isEmpty());
    }

    @Test
    void gammaOutsideTheUnitIntervalIsRefused() {
        TrajectoryGroup g = TrajectoryGroup.of(traj("a", 0.0, 1));
        assertRejected("transform returns_to_go: parameter \"gamma\" must be a number in [0, 1], got 1.5", "returns_to_go", g, Map.of("gamma", 1.5));
        assertRejected("transform returns_to_go: parameter \"gamma\" must be a number in [0, 1], got \"x\"", "returns_to_go", g, Map.of("gamma", "x"));
        assertRejected("transform returns_to_go: parameter \"gamma\" must be a number in [0, 1], got NaN", "returns_to_go", g, Map.of("gamma", Double.NaN));
    }
}
