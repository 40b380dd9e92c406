package dev.stepgym.rewards.transform;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static dev.stepgym.rewards.transform.TransformTesting.traj;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Bad input is refused before any transform runs, with the trajectory and field named. */
class TransformInputTest {

    private static String refused(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteStepRewardsAreRefused(double bad) {
        assertEquals("trajectory \"a\": stepRewards[1] must be a finite number, got " + bad, refused(() -> traj("a", 0.0, 1, bad)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY})
    void nonFiniteOutcomesAreRefused(double bad) {
        assertEquals("trajectory \"a\": outcome must be a finite number, got " + bad, refused(() -> traj("a", bad, 1)));
    }

    @Test
    void nullStepRewardIsRefused() {
        assertEquals("trajectory \"a\": stepRewards[0] must be a finite number, got null",
                refused(() -> new TrajectoryRewards("a", Arrays.asList((Double) null), List.of(), 0.0)));
    }

    @Test
    void stateHashesMustMatchTheSteps() {
        assertEquals("trajectory \"a\": 1 state hashes for 2 steps (give one per step, or none)",
                refused(() -> new TrajectoryRewards("a", List.of(0.0, 1.0), List.of("s0"), 0.0)));
        assertEquals("trajectory \"a\": a state hash is null",
                refused(() -> new TrajectoryRewards("a", List.of(0.0), Arrays.asList((String) null), 0.0)));
    }

    @Test
    void aTrajectoryNeedsAnId() {
        assertEquals("a trajectory needs a non-blank id", refused(() -> traj(" ", 0.0)));
    }

    @Test
    void emptyGroupsAndDuplicateIdsAreRefused() {
        assertEquals("a group needs at least one trajectory", refused(() -> Transforms.apply("grpo", List.of(), Map.of())));
        assertEquals("two trajectories in the group have the id \"a\"",
                refused(() -> Transforms.apply("grpo", List.of(traj("a", 1.0), traj("a", 0.0)), Map.of())));
        assertEquals("a group member is null", refused(() -> new TrajectoryGroup(Arrays.asList(traj("a", 1.0), null))));
    }

    @Test
    void anUnknownTransformIsRefused() {
        String message = refused(() -> Transforms.apply("advantage", List.of(traj("a", 1.0)), Map.of()));
        assertEquals(true, message.startsWith("unknown transform \"advantage\"; known: "), message);
    }

    @Test
    void inputsAreCopied() {
        java.util.ArrayList<Double> steps = new java.util.ArrayList<>(List.of(1.0, 2.0));
        TrajectoryRewards t = new TrajectoryRewards("a", steps, null, 0.0);
        steps.set(0, Double.NaN);
        assertEquals(List.of(1.0, 2.0), t.stepRewards());
        assertEquals(List.of(), t.stateHashes());
    }
}
