package dev.stepgym.agents.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Automatic retry of requests the server refused with {@code CAPACITY} (429). The server rejects
 * such a request before doing anything, so sending it again is safe. The wait honours the server's
 * Retry-After, bounded by {@code maxDelay} so a client never sleeps for an unbounded time.
 *
 * @param maxAttempts   attempts in all, including the first (1 = no retry)
 * @param fallbackDelay wait used when the server gave no Retry-After
 * @param maxDelay      upper bound of any single wait
 */
public record RetryPolicy(int maxAttempts, Duration fallbackDelay, Duration maxDelay) {
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        Objects.requireNonNull(fallbackDelay, "fallbackDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (fallbackDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    /** No retry: a CAPACITY refusal reaches the caller at once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** Up to {@code maxAttempts} attempts, waiting what the server asks but never more than {@code maxDelay}. */
    public static RetryPolicy onCapacity(int maxAttempts, Duration maxDelay) {
        return new RetryPolicy(maxAttempts, Duration.ofMillis(Math.min(1000, maxDelay.toMillis())), maxDelay);
    }

    /** The wait before the next attempt after {@code refusal}. */
    Duration delayAfter(StepGymClientException refusal) {
        Duration asked = refusal.retryAfterSeconds().map(s -> Duration.ofSeconds(Math.max(0, s))).orElse(fallbackDelay);
        return asked.compareTo(maxDelay) > 0 ? maxDelay : asked;
    }
}
