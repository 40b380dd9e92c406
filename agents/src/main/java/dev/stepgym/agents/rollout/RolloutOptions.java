package dev.stepgym.agents.rollout;

/**
 * Settings of a {@link RolloutRunner}.
 *
 * @param concurrency        episodes in flight at once
 * @param maxStepsPerEpisode a client-side guard: an episode the server has not ended after this
 *                           many steps is stopped and reported as truncated (the server's own step
 *                           limit normally ends it first)
 */
public record RolloutOptions(int concurrency, int maxStepsPerEpisode) {
    public RolloutOptions {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, got " + concurrency);
        }
        if (maxStepsPerEpisode < 1) {
            throw new IllegalArgumentException("maxStepsPerEpisode must be at least 1, got " + maxStepsPerEpisode);
        }
    }

    public static RolloutOptions concurrency(int concurrency) {
        return new RolloutOptions(concurrency, 10_000);
    }
}
