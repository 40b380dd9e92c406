package dev.stepgym.agents.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs a request again after a {@code CAPACITY} refusal, as a {@link RetryPolicy} allows. */
final class CapacityRetry {
    private CapacityRetry() {
    }

    static <T> CompletableFuture<T> run(RetryPolicy policy, Supplier<CompletableFuture<T>> attempt) {
        return attempt(policy, attempt, 1);
    }

    private static <T> CompletableFuture<T> attempt(RetryPolicy policy, Supplier<CompletableFuture<T>> attempt, int number) {
        return attempt.get().handle((value, failure) -> {
            if (failure == null) {
                return CompletableFuture.completedFuture(value);
            }
            StepGymClientException error = Await.asClientException(failure);
            if (!error.isCapacity() || number >= policy.maxAttempts()) {
                return CompletableFuture.<T>failedFuture(error);
            }
            long delayMs = policy.delayAfter(error).toMillis();
            // Waiting on a timer, not a sleeping thread: many refused requests cost no threads.
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(delayMs, TimeUnit.MILLISECONDS))
                    .thenCompose(ignored -> attempt(policy, attempt, number + 1));
        }).thenCompose(f -> f);
    }
}
