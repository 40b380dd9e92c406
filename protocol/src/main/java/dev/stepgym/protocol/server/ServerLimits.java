package dev.stepgym.protocol.server;

/**
 * What one client can cost the server, beyond the body limit, capacity and lease of
 * {@link ServerConfig}: every request, reply, write queue and wait is bounded (DESIGN.md §7).
 * docs/limits.md lists each with its default, its {@code serve} flag and the error a client gets.
 *
 * @param maxBatchSteps         entries allowed in one {@code batch_step} (HTTP and WebSocket); past it: 413 TOO_LARGE
 * @param maxStepsCeiling       highest step limit a client may ask for with {@code options.max_steps}; past it: 400 BAD_REQUEST
 * @param maxReplyBytes         largest trajectory file served, and the size at which a batch stops taking steps; past it: 413 REPLY_TOO_LARGE
 * @param maxInFlightPerSocket  requests of one WebSocket being worked on at once; past it: a CAPACITY error reply
 * @param socketWriteQueueBytes replies queued for a WebSocket before the server stops reading that socket
 * @param socketDrainSeconds    how long a WebSocket may leave a full write queue unread before it is closed
 * @param bodyTimeoutSeconds    how long a request body may take to arrive once its headers have; past it: 408 REQUEST_TIMEOUT and the connection closes
 * @param idleTimeoutSeconds    a connection with no traffic either way for this long is closed (WebSocket pings count as traffic)
 * @param shutdownGraceSeconds  on SIGTERM, how long running requests may take to finish before their episodes are closed anyway
 */
public record ServerLimits(int maxBatchSteps, int maxStepsCeiling, int maxReplyBytes, int maxInFlightPerSocket,
                           int socketWriteQueueBytes, int socketDrainSeconds, int bodyTimeoutSeconds,
                           int idleTimeoutSeconds, int shutdownGraceSeconds) {

    public static final int DEFAULT_MAX_BATCH_STEPS = 1024;
    public static final int DEFAULT_MAX_STEPS_CEILING = 10_000;
    public static final int DEFAULT_MAX_REPLY_BYTES = 32 * 1024 * 1024;
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_SOCKET = 4096;
    public static final int DEFAULT_SOCKET_WRITE_QUEUE_BYTES = 8 * 1024 * 1024;
    public static final int DEFAULT_SOCKET_DRAIN_SECONDS = 60;
    public static final int DEFAULT_BODY_TIMEOUT_SECONDS = 30;
    public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 300;
    public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 10;

    public ServerLimits {
        requirePositive("maxBatchSteps", maxBatchSteps);
        requirePositive("maxStepsCeiling", maxStepsCeiling);
        requirePositive("maxReplyBytes", maxReplyBytes);
        requirePositive("maxInFlightPerSocket", maxInFlightPerSocket);
        requirePositive("socketWriteQueueBytes", socketWriteQueueBytes);
        requirePositive("socketDrainSeconds", socketDrainSeconds);
        requirePositive("bodyTimeoutSeconds", bodyTimeoutSeconds);
        requirePositive("idleTimeoutSeconds", idleTimeoutSeconds);
        if (shutdownGraceSeconds < 0) {
            throw new IllegalArgumentException("shutdownGraceSeconds must not be negative: " + shutdownGraceSeconds);
        }
    }

    /** The defaults docs/limits.md lists. */
    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_MAX_BATCH_STEPS, DEFAULT_MAX_STEPS_CEILING, DEFAULT_MAX_REPLY_BYTES,
                DEFAULT_MAX_IN_FLIGHT_PER_SOCKET, DEFAULT_SOCKET_WRITE_QUEUE_BYTES, DEFAULT_SOCKET_DRAIN_SECONDS,
                DEFAULT_BODY_TIMEOUT_SECONDS, DEFAULT_IDLE_TIMEOUT_SECONDS, DEFAULT_SHUTDOWN_GRACE_SECONDS);
    }

    public ServerLimits withMaxBatchSteps(int value) {
        return new ServerLimits(value, maxStepsCeiling, maxReplyBytes, maxInFlightPerSocket, socketWriteQueueBytes,
                socketDrainSeconds, bodyTimeoutSeconds, idleTimeoutSeconds, shutdownGraceSeconds);
    }

    public ServerLimits withMaxStepsCeiling(int value) {
        return new ServerLimits(maxBatchSteps, value, maxReplyBytes, maxInFlightPerSocket, socketWriteQueueBytes,
                socketDrainSeconds, bodyTimeoutSeconds, idleTimeoutSeconds, shutdownGraceSeconds);
    }

    public ServerLimits withMaxReplyBytes(int value) {
        return new ServerLimits(maxBatchSteps, maxStepsCeiling, value, maxInFlightPerSocket, socketWriteQueueBytes,
                socketDrainSeconds, bodyTimeoutSeconds, idleTimeoutSeconds, shutdownGraceSeconds);
    }

    public ServerLimits withMaxInFlightPerSocket(int value) {
        return new ServerLimits(maxBatchSteps, maxStepsCeiling, maxReplyBytes, value, socketWriteQueueBytes,
                socketDrainSeconds, bodyTimeoutSeconds, idleTimeoutSeconds, shutdownGraceSeconds);
    }

    public ServerLimits withSocketWriteQueueBytes(int value) {
        return new ServerLimits(maxBatchSteps, maxStepsCeiling, maxReplyBytes, maxInFlightPerSocket, value,
                socketDrainSeconds, bodyTimeoutSeconds, idleTimeoutSeconds, shutdownGraceSeconds);
    }

    public ServerLimits withSocketDrainSeconds(int value) {
        return new ServerLimits(maxBatchSteps, maxStepsCeiling, maxReplyBytes, maxInFlightPerSocket, socketWriteQueueBytes,
                value, bodyTimeoutSeconds, idleTimeoutSeconds, shutdownGraceSeconds);
    }

    public ServerLimits withBodyTimeoutSeconds(int value) {
        return new ServerLimits(maxBatchSteps, maxStepsCeiling, maxReplyBytes, maxInFlightPerSocket, socketWriteQueueBytes,
                socketDrainSeconds, value, idleTimeoutSeconds, shutdownGraceSeconds);
    }

    public ServerLimits withIdleTimeoutSeconds(int value) {
        return new ServerLimits(maxBatchSteps, maxStepsCeiling, maxReplyBytes, maxInFlightPerSocket, socketWriteQueueBytes,
                socketDrainSeconds, bodyTimeoutSeconds, value, shutdownGraceSeconds);
    }

    public ServerLimits withShutdownGraceSeconds(int value) {
        return new ServerLimits(maxBatchSteps, maxStepsCeiling, maxReplyBytes, maxInFlightPerSocket, socketWriteQueueBytes,
                socketDrainSeconds, bodyTimeoutSeconds, idleTimeoutSeconds, value);
    }

    private static void requirePositive(String what, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be positive: " + value);
        }
    }
}
