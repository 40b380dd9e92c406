package dev.stepgym.agents.baseline;

import dev.stepgym.agents.Agent;
import dev.stepgym.agents.EpisodeStart;
import dev.stepgym.agents.Policy;
import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A partly wrong shop agent: {@link OracleShopAgent}'s decisions, except that at each step, with
 * probability {@code errorRate}, it takes another action the page lists instead (a wrong item, a
 * wrong option, {@code buy now} too early, a needless page turn). Templated actions
 * ({@code search[...]}) are never chosen as the wrong one, so every action it sends is valid; the
 * oracle then carries on from wherever the slip led, which usually ends in a partial score.
 * It gives the progress model episodes between the oracle's and the random agent's.
 *
 * <p>Deterministic like {@link RandomAgent}: each episode's slips come from the agent seed, the
 * episode seed and the reset observation, whatever the concurrency.
 */
public final class NoisyOracleShopAgent implements Agent {
    public static final String NAME = "oracle-shop-noisy";
    /** The agent option (and the argument of {@code oracle-shop-noisy:RATE}). */
    public static final String ERROR_RATE = "error_rate";
    public static final double DEFAULT_ERROR_RATE = 0.3;

    private final long seed;
    private final double errorRate;
    private final OracleShopAgent oracle = new OracleShopAgent();

    /** @throws IllegalArgumentException when the rate is not a number in [0, 1] */
    public NoisyOracleShopAgent(long seed, double errorRate) {
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("agent " + NAME + ": option \"" + ERROR_RATE + "\" must be in [0, 1], got " + errorRate);
        }
        this.seed = seed;
        this.errorRate = errorRate;
    }

    public double errorRate() {
        return errorRate;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Policy start(EpisodeStart start) {
        Policy policy = oracle.start(start);
        String text = start.observation().text();
        long episodeSeed = mix(mix(seed, start.seed() == null ? 0L : start.seed()), text == null ? 0 : text.hashCode());
        SplittableRandom random = new SplittableRandom(episodeSeed);
        return observation -> {
            Action right = policy.next(observation);
            // Draw on every step, slip or not, so one step's choice does not shift the next ones' draws.
            double draw = random.nextDouble();
            int pick = random.nextInt(Integer.MAX_VALUE);
            if (draw >= errorRate) {
                return right;
            }
            List<String> wrong = wrongChoices(observation, right);
            return wrong.isEmpty() ? right : Action.text(wrong.get(pick % wrong.size()));
        };
    }

    /** The listed, non-templated actions other than the oracle's. */
    static List<String> wrongChoices(Observation observation, Action right) {
        return observation.availableActions().stream()
                .filter(a -> !ActionTemplates.isTemplate(a))
                .filter(a -> right.text() == null || !a.equalsIgnoreCase(right.text()))
                .toList();
    }

    @Override
    public Map<String, Object> resetOptions() {
        return oracle.resetOptions();
    }

    /** SplitMix64's finaliser over a combination: nearby seeds give unrelated streams. */
    private static long mix(long a, long b) {
        long z = a * 0x9E3779B97F4A7C15L + b;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
