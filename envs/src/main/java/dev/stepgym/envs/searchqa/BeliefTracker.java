package dev.stepgym.envs.searchqa;

import dev.stepgym.rewards.scoring.BeliefQuery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks the store's belief scorer for {@code p_t} and waits a bounded time. A scorer that is down,
 * slow or wrong never fails or stalls the step: the reading then carries no value and says why.
 */
final class BeliefTracker {
    private final SearchQaStore store;

    BeliefTracker(SearchQaStore store) {
        this.store = store;
    }

    /** A belief, or why there is none. */
    record Reading(Double value, String error) {
    }

    String source() {
        return store.scorer().source();
    }

    Reading read(BeliefQuery query) {
        CompletableFuture<Double> future;
        try {
            future = store.scorer().belief(query);
        } catch (RuntimeException e) {
            return new Reading(null, "scorer failed: " + e.getMessage());
        }
        long timeout = store.settings().beliefTimeoutMs();
        try {
            Double p = future.get(timeout, TimeUnit.MILLISECONDS);
            if (p == null || !(p >= 0 && p <= 1)) {
                return new Reading(null, "scorer returned " + p + ", not a probability");
            }
            return new Reading(p, null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Reading(null, "scorer gave no answer within " + timeout + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Reading(null, "scorer unavailable: " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Reading(null, "interrupted while waiting for the scorer");
        }
    }
}
