package dev.stepgym.protocol.env;

import dev.stepgym.protocol.Action;

import java.util.Map;

/**
 * One episode of an environment, in the Gymnasium shape: {@code reset}, then {@code step} until
 * terminated. Implementations are single-threaded: the server never calls one concurrently.
 * A bad action is not an exception: it is a {@link Transition} whose observation carries
 * {@code last_action_error} and whose rewards carry an {@code invalid_action} penalty.
 */
public interface Environment extends AutoCloseable {

    Start reset(ResetRequest request);

    Transition step(Action action);

    /** An independent episode in exactly this state (for Monte Carlo rollouts and tree search). */
    Environment fork();

    /**
     * The environment state as a JSON-serialisable value (maps, lists, strings, numbers).
     * Two episodes in the same state return equal values; the server hashes it into {@code state_hash}.
     */
    Object state();

    /** What the episode achieved so far (e.g. the purchase and its score); empty if nothing yet. */
    default Map<String, Object> outcome() {
        return Map.of();
    }

    /**
     * The episode's per-step values after its reward pipeline's trajectory transforms (returns to
     * go, PURE weighting, ...), in step order, or null when it has none. Asked once, at close.
     */
    default java.util.List<Double> returns() {
        return null;
    }

    /** Releases what the episode holds; idempotent. */
    @Override
    default void close() {
    }
}
