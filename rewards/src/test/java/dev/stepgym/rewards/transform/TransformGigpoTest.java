package dev.stepgym.rewards.transform;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.stepgym.rewards.transform.TransformTesting.assertRejected;
import static dev.stepgym.rewards.transform.TransformTesting.assertValues;
import static dev.stepgym.rewards.transform.TransformTesting.traj;
import static dev.stepgym.rewards.transform.TransformTesting.withStates;
import static org.junit.jupiter.api.Assertions.assertEquals;

class TransformGigpoTest {
    // Three rollouts of one task. The outcome is added to each final step's reward.
    //   a: states [s0, s1],     r = [0, 0 + 1]     -> G (gamma 1) = [1, 1]
    //   b: states [s0, s2],     r = [0, -0.1 + 0]  -> G = [-0.1, -0.1]
    //   c: states [s0, s1, s3], r = [0, 0, 0 + 1]  -> G = [1, 1, 1]
    // Episode (outcomes [1, 0, 1], mean 2/3, no std): A_E = [1/3, -2/3, 1/3]
    // Anchor s0 = {a0: 1, b0: -0.1, c0: 1}, mean 1.9/3 = 0.6333..: A_S = [0.3666.., -0.7333.., 0.3666..]
    // Anchor s1 = {a1: 1, c1: 1}, mean 1: A_S = [0, 0]
    // s2 (b1) and s3 (c2) are met once: A_S = 0
    private static final TrajectoryGroup GROUP = TrajectoryGroup.of(
            withStates("a", 1.0, List.of("s0", "s1"), 0, 0),
            withStates("b", 0.0, List.of("s0", "s2"), 0, -0.1),
            withStates("c", 1.0, List.of("s0", "s1", "s3"), 0, 0, 0));

    @Test
    void episodePlusStepAdvantageWithMeanNormByDefault() {
        // A = A_E + 1.0 * A_S
        //   a: [1/3 + 1.1/3, 1/3 + 0]    = [0.7, 1/3]
        //   b: [-2/3 - 2.2/3, -2/3 + 0]  = [-1.4, -2/3]   (b1's state is unique: A_S = 0)
        //   c: [1/3 + 1.1/3, 1/3, 1/3]   = [0.7, 1/3, 1/3]
        TransformResult r = Transforms.apply("gigpo", GROUP, Map.of());
        assertValues(r.values(0), 0.7, 1.0 / 3);
        assertValues(r.values(1), -1.4, -2.0 / 3);
        assertValues(r.values(2), 0.7, 1.0 / 3, 1.0 / 3);
        assertEquals(-2.0 / 3, r.trajectories().get(1).scalar().getAsDouble(), TransformTesting.TOL);
    }

    @Test
    void stepWeightScalesTheStepAdvantage() {
        // w = 0.5: a0 = 1/3 + 0.5 * 1.1/3 = 1.55/3; b0 = -2/3 - 0.5 * 2.2/3 = -3.1/3
        TransformResult r = Transforms.apply("gigpo", GROUP, Map.of("step_weight", 0.5));
        assertValues(r.values(0), 1.55 / 3, 1.0 / 3);
        assertValues(r.values(1), -3.1 / 3, -2.0 / 3);
    }

    @Test
    void stepReturnsAreDiscounted() {
        // gamma 0.5: a G = [0.5, 1], b G = [-0.05, -0.1], c G = [0.25, 0.5, 1]
        // s0 = {0.5, -0.05, 0.25}, mean 0.7/3: A_S = [0.8/3, -0.85/3, 0.05/3]
        // s1 = {a1: 1, c1: 0.5}, mean 0.75: A_S = [0.25, -0.25]
        TransformResult r = Transforms.apply("gigpo", GROUP, Map.of("gamma", 0.5));
        assertValues(r.values(0), 1.0 / 3 + 0.8 / 3, 1.0 / 3 + 0.25);
        assertValues(r.values(1), -2.0 / 3 - 0.85 / 3, -2.0 / 3);
        assertValues(r.values(2), 1.0 / 3 + 0.05 / 3, 1.0 / 3 - 0.25, 1.0 / 3);
    }

    @Test
    void withStdBothLevelsDivideByTheUnbiasedStdPlusEpsilon() {
        // Episode: outcomes [1, 0, 1], std (N-1) = sqrt((1/9 + 4/9 + 1/9) / 2) = sqrt(1/3) = 0.5773502691896258:
        //   A_E = [0.3333 / 0.5773512691896258, -0.6667 / ...] = [0.5773492691913578, -1.1546985383827153, 0.5773492691913578]
        // gamma 0.5, anchor s1 = {1, 0.5}: std = sqrt(2 * 0.25^2 / 1) = 0.3535533905932738,
        //   A_S = ±0.25 / (0.3535533905932738 + 1e-6) = ±0.7071047811922043
        // anchor s0 = {0.5, -0.05, 0.25}: mean 0.7/3, deviations [0.8/3, -0.85/3, 0.05/3],
        //   std = sqrt((0.64 + 0.7225 + 0.0025) / 9 / 2) = sqrt(1.365/18)
        double s0std = Math.sqrt(1.365 / 18);
        TransformResult r = Transforms.apply("gigpo", GROUP, Map.of("gamma", 0.5, "normalize_std", true));
        assertValues(r.values(0), 0.5773492691913578 + (0.8 / 3) / (s0std + 1e-6), 0.5773492691913578 + 0.7071047811922043);
        assertValues(r.values(1), -1.1546985383827153 - (0.85 / 3) / (s0std + 1e-6), -1.1546985383827153);
        assertValues(r.values(2), 0.5773492691913578 + (0.05 / 3) / (s0std + 1e-6), 0.5773492691913578 - 0.7071047811922043,
                0.5773492691913578);
    }

    @Test
    void aStateRevisitedWithinOneTrajectoryIsAnAnchorGroup() {
        // One rollout (episode: mean 0, std 1 -> A_E = R = 1) looping on state s, gamma 0.5:
        // r = [0, 1], G = [0.5, 1]; anchor s = {0.5, 1}, mean 0.75: A_S = [-0.25, 0.25] -> A = [0.75, 1.25]
        TransformResult r = Transforms.apply("gigpo", TrajectoryGroup.of(withStates("a", 1.0, List.of("s", "s"), 0, 0)), Map.of("gamma", 0.5));
        assertValues(r.values(0), 0.75, 1.25);
    }

    @Test
    void stateHashesAreRequired() {
        assertRejected("transform gigpo: trajectory \"b\" has 1 steps but no state hashes (anchor states need one per step)", "gigpo",
                TrajectoryGroup.of(withStates("a", 1.0, List.of("s0"), 0), traj("b", 0.0, 0)), Map.of());
    }

    @Test
    void badParametersAreNamed() {
        assertRejected("transform gigpo: parameter \"step_weight\" must be a finite number, got \"1\"", "gigpo", GROUP, Map.of("step_weight", "1"));
        assertRejected("transform gigpo: parameter \"epsilon\" must be a number > 0, got -1", "gigpo", GROUP, Map.of("epsilon", -1));
    }
}
