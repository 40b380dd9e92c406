package dev.stepgym.protocol.server.openenv;

import dev.stepgym.protocol.ErrorCode;

/**
 * OpenEnv's {@code WSErrorCode} values, the {@code code} of an {@code {"type":"error"}} frame. A
 * StepGym error keeps its own code beside it ({@code stepgym_code}), since these seven are coarser.
 */
public enum WsErrorCode {
    INVALID_JSON,
    UNKNOWN_TYPE,
    VALIDATION_ERROR,
    EXECUTION_ERROR,
    CAPACITY_REACHED,
    FACTORY_ERROR,
    SESSION_ERROR;

    /** The OpenEnv code a StepGym error travels under. */
    public static WsErrorCode of(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST, UNKNOWN_OP, UNKNOWN_TASK, TOO_LARGE -> VALIDATION_ERROR;
            case UNKNOWN_ENV -> FACTORY_ERROR;
            case CAPACITY -> CAPACITY_REACHED;
            case EPISODE_NOT_FOUND, EPISODE_DONE, SHUTTING_DOWN, REQUEST_TIMEOUT -> SESSION_ERROR;
            case NOT_FOUND, REPLY_TOO_LARGE, CORRUPT_TRAJECTORY, INTERNAL -> EXECUTION_ERROR;
        };
    }
}
