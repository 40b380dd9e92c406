package dev.stepgym.agents.rollout;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.ResetResult;
import dev.stepgym.protocol.StepResult;

/**
 * Sees a rollout as it happens. Called from the runner's worker threads, for several episodes at
 * once: implementations must be thread-safe. Calls for one episode come in order (reset, steps,
 * end). An exception thrown here fails that episode (it is reported), never the others.
 */
public interface StepListener {

    StepListener NONE = new StepListener() {
    };

    /** The episode at {@code episodeIndex} (its position in the spec list) has been reset. */
    default void onReset(int episodeIndex, EpisodeSpec spec, ResetResult reset) {
    }

    /** One step was taken; {@code step} is the server's step counter (1 for the first step). */
    default void onStep(int episodeIndex, int step, Action action, StepResult result) {
    }

    /** The episode is over and closed (or failed); {@code report} says how it went. */
    default void onEnd(int episodeIndex, EpisodeReport report) {
    }
}
