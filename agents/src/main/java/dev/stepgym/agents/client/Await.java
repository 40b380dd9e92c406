package dev.stepgym.agents.client;

import dev.stepgym.protocol.StepGymException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Waits for a request's future and surfaces its failure as a {@link StepGymClientException}. */
final class Await {
    private Await() {
    }

    static <T> T result(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw StepGymClientException.local(StepGymClientException.Origin.TRANSPORT, "interrupted while waiting for the server", e);
        } catch (ExecutionException e) {
            throw asClientException(e.getCause());
        }
    }

    /** The failure as a client exception, unwrapping the layers futures add. */
    static StepGymClientException asClientException(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StepGymClientException client) {
            return client;
        }
        if (cause instanceof StepGymException protocol) {
            // The codec rejected a reply: the server sent something this client cannot read.
            return StepGymClientException.local(StepGymClientException.Origin.BAD_REPLY,
                    "undecodable reply: " + protocol.getMessage(), protocol);
        }
        if (cause instanceof java.net.http.HttpTimeoutException || cause instanceof java.util.concurrent.TimeoutException) {
            return StepGymClientException.local(StepGymClientException.Origin.TIMEOUT, "no answer in time: " + cause.getMessage(), cause);
        }
        return StepGymClientException.local(StepGymClientException.Origin.TRANSPORT,
                "request failed: " + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    }
}
