package dev.stepgym.protocol.server;

import dev.stepgym.protocol.ErrorBody;
import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletionException;

/**
 * Turns any failure into the wire error. API misuse keeps its code; anything else is a bug
 * somewhere (often in an environment): it becomes INTERNAL with its message and is logged, and the
 * server goes on serving.
 */
public final class ErrorMapping {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapping.class);

    private ErrorMapping() {
    }

    /** The wire form of {@code failure}. */
    public static ErrorBody.Detail detail(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof CapacityException capacity) {
            return new ErrorBody.Detail(ErrorCode.CAPACITY, capacity.getMessage(), capacity.retryAfterSeconds());
        }
        if (cause instanceof StepGymException known) {
            return new ErrorBody.Detail(known.code(), known.getMessage(), null);
        }
        LOG.warn("internal error while serving a request", cause);
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        return new ErrorBody.Detail(ErrorCode.INTERNAL, "internal error: " + message, null);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while (current instanceof CompletionException && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }
}
