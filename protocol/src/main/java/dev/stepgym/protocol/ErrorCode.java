package dev.stepgym.protocol;

/** Error codes of the wire protocol, each with its HTTP status. */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNKNOWN_OP(400),
    UNKNOWN_ENV(404),
    UNKNOWN_TASK(404),
    EPISODE_NOT_FOUND(404),
    NOT_FOUND(404),
    EPISODE_DONE(409),
    TOO_LARGE(413),
    CAPACITY(429),
    INTERNAL(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
