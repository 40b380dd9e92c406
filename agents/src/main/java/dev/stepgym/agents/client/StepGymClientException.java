package dev.stepgym.agents.client;

import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;

import java.util.Optional;

/**
 * A request that did not succeed: either the server answered with an error reply
 * ({@code {"error":{"code","message","retry_after_seconds"?}}}) or no usable answer came back
 * (connection failure, timeout, closed socket, undecodable reply). {@link #origin()} tells which.
 *
 * <p>It extends {@link StepGymException} so code that already catches the protocol's exception
 * catches client failures too; {@link #code()} is the wire code mapped onto {@link ErrorCode}
 * ({@link ErrorCode#INTERNAL} when the server sent a code this client does not know, or when there
 * was no server answer at all), while {@link #wireCode()} keeps the code exactly as sent.
 */
public final class StepGymClientException extends StepGymException {

    /** Where the failure came from. */
    public enum Origin {
        /** The server answered with an error reply. */
        SERVER,
        /** The request could not be sent or the connection broke. */
        TRANSPORT,
        /** No answer within the configured timeout. */
        TIMEOUT,
        /** The WebSocket closed (by either side) before the answer came. */
        SOCKET_CLOSED,
        /** The server answered with something this client cannot decode. */
        BAD_REPLY
    }

    private final Origin origin;
    private final String wireCode;
    private final int httpStatus;
    private final Integer retryAfterSeconds;

    StepGymClientException(Origin origin, ErrorCode code, String wireCode, int httpStatus,
                           Integer retryAfterSeconds, String message, Throwable cause) {
        super(code, message, cause);
        this.origin = origin;
        this.wireCode = wireCode;
        this.httpStatus = httpStatus;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** An error reply from the server. */
    static StepGymClientException server(String wireCode, int httpStatus, Integer retryAfterSeconds, String message) {
        ErrorCode code = knownCode(wireCode);
        int status = httpStatus > 0 ? httpStatus : code.httpStatus();
        return new StepGymClientException(Origin.SERVER, code, wireCode, status, retryAfterSeconds,
                wireCode + " (" + status + "): " + message, null);
    }

    /** A failure without a server answer. */
    static StepGymClientException local(Origin origin, String message, Throwable cause) {
        if (origin == Origin.SERVER) {
            throw new IllegalArgumentException("a server error needs its wire code");
        }
        return new StepGymClientException(origin, ErrorCode.INTERNAL, origin.name(), 0, null, message, cause);
    }

    private static ErrorCode knownCode(String wireCode) {
        if (wireCode != null) {
            for (ErrorCode code : ErrorCode.values()) {
                if (code.name().equals(wireCode)) {
                    return code;
                }
            }
        }
        return ErrorCode.INTERNAL;
    }

    public Origin origin() {
        return origin;
    }

    /** The error code as the server sent it, or the {@link Origin} name when there was no server answer. */
    public String wireCode() {
        return wireCode;
    }

    /**
     * The HTTP status of the error reply; over the WebSocket, the status the same error has over
     * HTTP; 0 when there was no server answer.
     */
    public int httpStatus() {
        return httpStatus;
    }

    /** How long the server asked to wait before trying again (set with {@link ErrorCode#CAPACITY}). */
    public Optional<Integer> retryAfterSeconds() {
        return Optional.ofNullable(retryAfterSeconds);
    }

    /** Whether the server refused for lack of capacity, so the same request may succeed later. */
    public boolean isCapacity() {
        return origin == Origin.SERVER && code() == ErrorCode.CAPACITY;
    }
}
