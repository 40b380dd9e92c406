package dev.stepgym.rewards.transform;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Shared assertions for the transform tests. */
final class TransformTesting {
    /** Hand-computed values are written to ~16 digits or as exact expressions. */
    static final double TOL = 1e-12;

    private TransformTesting() {
    }

    static void assertValues(List<Double> actual, double... expected) {
        assertEquals(expected.length, actual.size(), "length of " + actual);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.get(i), TOL, "index " + i + " of " + actual);
        }
    }

    /** Asserts the call fails with exactly this message. */
    static void assertRejected(String message, String transform, TrajectoryGroup group, Map<String, ?> params) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Transforms.apply(transform, group, params));
        assertEquals(message, e.getMessage());
    }

    static TrajectoryRewards traj(String id, double outcome, double... steps) {
        return TrajectoryRewards.of(id, outcome, steps);
    }

    static TrajectoryRewards withStates(String id, double outcome, List<String> states, double... steps) {
        return new TrajectoryRewards(id, java.util.Arrays.stream(steps).boxed().toList(), states, outcome);
    }
}
