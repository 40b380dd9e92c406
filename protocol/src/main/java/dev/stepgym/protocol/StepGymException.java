package dev.stepgym.protocol;

/**
 * Misuse of the API (not a bad agent action): mapped to an error code on the wire.
 * A bad agent action is observation data instead, see {@link Observation#lastActionError()}.
 */
public class StepGymException extends RuntimeException {
    private final ErrorCode code;

    public StepGymException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public StepGymException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
