package dev.stepgym.rewards.transform;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.stepgym.rewards.transform.TransformTesting.assertRejected;
import static dev.stepgym.rewards.transform.TransformTesting.assertValues;
import static dev.stepgym.rewards.transform.TransformTesting.traj;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TransformRlooTest {

    @Test
    void eachOutcomeIsComparedWithTheMeanOfTheOthers() {
        // outcomes [1, 0, 0.5]:
        // A_a = 1   - (0 + 0.5)/2 =  0.75
        // A_b = 0   - (1 + 0.5)/2 = -0.75
        // A_c = 0.5 - (1 + 0)/2   =  0
        // = N/(N-1) * (R - mean) = 1.5 * (R - 0.5), the iStar form
        TransformResult r = Transforms.apply("rloo",
                TrajectoryGroup.of(traj("a", 1.0, 0, 0), traj("b", 0.0, 0), traj("c", 0.5, 0)), Map.of());
        assertValues(r.values(0), 0.75, 0.75);
        assertValues(r.values(1), -0.75);
        assertValues(r.values(2), 0);
        assertEquals(-0.75, r.trajectories().get(1).scalar().getAsDouble(), TransformTesting.TOL);
    }

    @Test
    void twoMembersAreEachOthersBaseline() {
        // [2, 1]: 2 - 1 = 1, 1 - 2 = -1
        TransformResult r = Transforms.apply("rloo", TrajectoryGroup.of(traj("a", 2.0, 0), traj("b", 1.0, 0)), null);
        assertValues(r.values(0), 1);
        assertValues(r.values(1), -1);
    }

    @Test
    void aGroupOfOneKeepsItsOutcome() {
        // no other member: A = R (iStar: "N = 1 gives A_E = R")
        assertValues(Transforms.apply("rloo", TrajectoryGroup.of(traj("a", 0.8, 0, 0)), Map.of()).values(0), 0.8, 0.8);
    }

    @Test
    void itTakesNoParameters() {
        assertRejected("transform rloo has no parameter \"epsilon\" (it takes none)", "rloo",
                TrajectoryGroup.of(traj("a", 1.0, 0)), Map.of("epsilon", 1e-6));
    }
}
