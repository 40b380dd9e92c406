package dev.stepgym.agents.mc;

/**
 * A recorded episode did not replay as it was recorded (another catalog, another environment
 * version, a non-deterministic environment): its Monte Carlo values would belong to other states.
 */
public final class ReplayDivergedException extends IllegalStateException {
    private final String episodeId;
    private final int step;

    public ReplayDivergedException(String episodeId, int step, String detail) {
        super("the replay of episode " + episodeId + " diverges from the recording at step " + step + ": " + detail
                + " (were the episodes recorded with other environment settings, e.g. --env-setting shop-v1.products=N?)");
        this.episodeId = episodeId;
        this.step = step;
    }

    public String episodeId() {
        return episodeId;
    }

    public int step() {
        return step;
    }
}
