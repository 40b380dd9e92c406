package dev.stepgym.protocol.server;

import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;

/** An environment has as many open episodes as it may: try again after {@link #retryAfterSeconds()}. */
public class CapacityException extends StepGymException {
    private final int retryAfterSeconds;

    public CapacityException(String message, int retryAfterSeconds) {
        super(ErrorCode.CAPACITY, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
