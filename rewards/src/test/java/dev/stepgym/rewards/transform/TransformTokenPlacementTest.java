package dev.stepgym.rewards.transform;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stepgym.rewards.transform.TransformTesting.assertRejected;
import static dev.stepgym.rewards.transform.TransformTesting.assertValues;
import static dev.stepgym.rewards.transform.TransformTesting.traj;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TransformTokenPlacementTest {
    private static final TrajectoryGroup ONE = TrajectoryGroup.of(traj("t1", 9.0, 0.5, -1));

    private static Map<String, Object> params(String mode, Object numTokens, Object spans) {
        return Map.of("mode", mode, "num_tokens", numTokens, "token_offsets", Map.of("t1", spans));
    }

    private static List<List<Integer>> spans(int... bounds) {
        List<List<Integer>> out = new java.util.ArrayList<>();
        for (int i = 0; i < bounds.length; i += 2) {
            out.add(List.of(bounds[i], bounds[i + 1]));
        }
        return out;
    }

    @Test
    void lastPutsEachStepValueOnItsSpansLastToken() {
        // steps [0.5, -1], spans [0,2) [2,5), 6 tokens: 0.5 at token 1, -1 at token 4; the outcome is not placed
        assertValues(Transforms.apply("token_placement", ONE, params("last", 6, spans(0, 2, 2, 5))).values(0), 0, 0.5, 0, 0, -1, 0);
    }

    @Test
    void broadcastPutsItOnEveryTokenOfItsSpan() {
        assertValues(Transforms.apply("token_placement", ONE, params("broadcast", 6, spans(0, 2, 2, 5))).values(0), 0.5, 0.5, -1, -1, -1, 0);
    }

    @Test
    void tokensBetweenSpansStayZero() {
        // token 2 (an observation, say) belongs to no step
        assertValues(Transforms.apply("token_placement", ONE, params("last", 5, spans(0, 2, 3, 5))).values(0), 0, 0.5, 0, 0, -1);
        assertValues(Transforms.apply("token_placement", ONE, params("broadcast", 5, spans(0, 2, 3, 5))).values(0), 0.5, 0.5, 0, -1, -1);
    }

    @Test
    void modeDefaultsToLast() {
        Map<String, Object> p = Map.of("num_tokens", 3, "token_offsets", Map.of("t1", spans(0, 1, 1, 3)));
        assertValues(Transforms.apply("token_placement", ONE, p).values(0), 0.5, 0, -1);
    }

    @Test
    void aGroupTakesSpansAndLengthsPerTrajectory() {
        // GRPO without std on outcomes [1, 0]: A = [0.5, -0.5], broadcast to steps, then to tokens
        TrajectoryGroup group = TrajectoryGroup.of(traj("a", 1.0, 0, 0), traj("b", 0.0, 0));
        TransformResult advantages = Transforms.apply("grpo", group, Map.of("normalize_std", false));
        TrajectoryGroup placed = TrajectoryGroup.of(
                group.members().get(0).withStepRewards(advantages.values(0)),
                group.members().get(1).withStepRewards(advantages.values(1)));
        TransformResult r = Transforms.apply("token_placement", placed, Map.of("mode", "broadcast",
                "num_tokens", Map.of("a", 4, "b", 2),
                "token_offsets", Map.of("a", spans(0, 1, 2, 4), "b", spans(0, 2))));
        assertValues(r.values(0), 0.5, 0, 0.5, 0.5);
        assertValues(r.values(1), -0.5, -0.5);
    }

    @Test
    void noStepsGiveAllZeroTokens() {
        TransformResult r = Transforms.apply("token_placement", TrajectoryGroup.of(traj("t1", 1.0)), params("last", 3, List.of()));
        assertValues(r.values(0), 0, 0, 0);
        assertTrue(r.trajectories().get(0).scalar().isEmpty());
    }

    @Test
    void badSpansAreRefusedWithTheirStep() {
        assertRejected("transform token_placement: parameter \"token_offsets\" for trajectory \"t1\" step 1 is [2, 7), which is empty or outside [0, 6)",
                "token_placement", ONE, params("last", 6, spans(0, 2, 2, 7)));
        assertRejected("transform token_placement: parameter \"token_offsets\" for trajectory \"t1\" step 0 is [2, 2), which is empty or outside [0, 6)",
                "token_placement", ONE, params("last", 6, spans(2, 2, 2, 5)));
        assertRejected("transform token_placement: parameter \"token_offsets\" for trajectory \"t1\" step 1 is [2, 5), which overlaps or precedes"
                + " the previous step's span (ending at 3)", "token_placement", ONE, params("last", 6, spans(0, 3, 2, 5)));
        assertRejected("transform token_placement: parameter \"token_offsets\" has 1 spans for trajectory \"t1\", which has 2 steps (one span per step)",
                "token_placement", ONE, params("last", 6, spans(0, 3)));
        assertRejected("transform token_placement: parameter \"token_offsets\" for trajectory \"t1\" step 0 must be a [start, end] pair of integers, got [0, 1.5]",
                "token_placement", ONE, params("last", 6, List.of(List.of(0, 1.5), List.of(2, 3))));
    }

    @Test
    void spansMustMatchTheGroup() {
        assertRejected("transform token_placement: parameter \"token_offsets\" has no spans for trajectory \"t1\"", "token_placement", ONE,
                Map.of("num_tokens", 6, "token_offsets", Map.of()));
        assertRejected("transform token_placement: parameter \"token_offsets\" names trajectory \"t9\", which is not in the group", "token_placement", ONE,
                Map.of("num_tokens", 6, "token_offsets", Map.of("t1", spans(0, 1, 1, 2), "t9", spans(0, 1))));
        assertRejected("transform token_placement: parameter \"num_tokens\" has no length for trajectory \"t1\"", "token_placement", ONE,
                Map.of("num_tokens", Map.of("t2", 3), "token_offsets", Map.of("t1", spans(0, 1, 1, 2))));
    }

    @Test
    void badParametersAreNamed() {
        assertRejected("transform token_placement: parameter \"token_offsets\" is required", "token_placement", ONE, Map.of("num_tokens", 6));
        assertRejected("transform token_placement: parameter \"mode\" must be one of [last, broadcast], got \"first\"", "token_placement", ONE,
                params("first", 6, spans(0, 2, 2, 5)));
        assertRejected("transform token_placement: parameter \"num_tokens\" must be an integer >= 0, or a map from trajectory id to one, got -1",
                "token_placement", ONE, params("last", -1, spans(0, 2, 2, 5)));
        assertRejected("transform token_placement: parameter \"token_offsets\" must be a map from trajectory id to a list of [start, end] pairs,"
                + " got [[0, 2], [2, 5]]", "token_placement", ONE, Map.of("num_tokens", 6, "token_offsets", spans(0, 2, 2, 5)));
    }
}
