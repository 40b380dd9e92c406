package dev.stepgym.agents;

import dev.stepgym.protocol.Action;
import dev.stepgym.protocol.Observation;

/**
 * An agent's decisions within one episode. It may keep per-episode state (pages visited, options
 * chosen); it is never shared between episodes.
 */
@FunctionalInterface
public interface Policy {

    /**
     * The next action, given the latest observation (the reset observation first, then each
     * step's). When the previous action failed, {@link Observation#lastActionError()} says why.
     */
    Action next(Observation observation);
}
