package dev.stepgym.agents.client;

import dev.stepgym.protocol.Action;

import java.util.Objects;

/** One entry of a batch step ({@code POST /v1/batch/step}): an action for one episode. */
public record BatchStep(String episodeId, Action action) {
    public BatchStep {
        Objects.requireNonNull(episodeId, "episodeId");
        Objects.requireNonNull(action, "action");
    }
}
