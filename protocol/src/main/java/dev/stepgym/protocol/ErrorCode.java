package dev.stepgym.protocol;

/**
 * Error codes of the wire protocol, each with its HTTP status. docs/protocol.md lists when each is
 * sent; docs/limits.md lists the limits behind TOO_LARGE, REPLY_TOO_LARGE, REQUEST_TIMEOUT,
 * CAPACITY and SHUTTING_DOWN.
 */
public enum ErrorCode {
    BAD_REQUEST(400),
    UNKNOWN_OP(400),
    UNKNOWN_ENV(404),
    UNKNOWN_TASK(404),
    EPISODE_NOT_FOUND(404),
    NOT_FOUND(404),
    /** A request whose body did not arrive in time (a client that sent half a request and stopped). */
    REQUEST_TIMEOUT(408),
    EPISODE_DONE(409),
    TOO_LARGE(413),
    /** The answer would pass the server's reply limit (a huge trajectory, a batch whose results outgrow it). */
    REPLY_TOO_LARGE(413),
    /** The episode's trajectory file is damaged before its last line, so it cannot be served. */
    CORRUPT_TRAJECTORY(422),
    CAPACITY(429),
    INTERNAL(500),
    /** The server is stopping: it finishes running steps but takes no new work. */
    SHUTTING_DOWN(503);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
