package dev.stepgym.protocol.server;

import dev.stepgym.protocol.Action;

/** One entry of a batch step: an action for one episode. */
public record BatchStep(String episodeId, Action action) {
}
