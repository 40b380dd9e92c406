package dev.stepgym.agents;

import java.util.Map;

/**
 * Something that plays episodes. One agent serves many episodes, possibly at the same time, so
 * {@link #start} must be thread-safe; the {@link Policy} it returns belongs to one episode and
 * is called from one thread at a time.
 */
public interface Agent {

    /** The agent's registered name, e.g. {@code random}. */
    String name();

    /**
     * Begins an episode.
     *
     * @throws IllegalStateException when the episode lacks what this agent needs (e.g. privileged goal data)
     */
    Policy start(EpisodeStart start);

    /**
     * Reset options this agent needs from every episode (e.g. {@code "privileged": true} for an
     * oracle). The rollout runner adds them to each episode's own options, which win on a clash.
     */
    default Map<String, Object> resetOptions() {
        return Map.of();
    }
}
