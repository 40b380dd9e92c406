package dev.stepgym.agents.mc;

/**
 * How Monte Carlo values are estimated.
 *
 * @param k               rollouts per state (at least 1)
 * @param concurrency     rollouts (forked episodes) open at once, at most; the server's capacity must
 *                        leave room for them plus the replayed episode
 * @param maxRolloutSteps a guard for a server that never ends an episode: a rollout stops after this
 *                        many steps and counts the outcome it has (the environment's own step limit
 *                        normally ends it first)
 * @param seed            the base of the rollouts' seeds: rollout j of state t of an episode with seed s
 *                        starts its agent with a seed derived from (seed, s, t, j), so random agents
 *                        play K different rollouts and the same inputs give the same values
 */
public record McOptions(int k, int concurrency, int maxRolloutSteps, long seed) {
    public static final int DEFAULT_MAX_ROLLOUT_STEPS = 1_000;

    public McOptions {
        if (k < 1) {
            throw new IllegalArgumentException("k (rollouts per state) must be at least 1, got " + k);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (maxRolloutSteps < 1) {
            throw new IllegalArgumentException("maxRolloutSteps must be at least 1, got " + maxRolloutSteps);
        }
    }

    public static McOptions of(int k, int concurrency) {
        return new McOptions(k, concurrency, DEFAULT_MAX_ROLLOUT_STEPS, 0L);
    }
}
