package dev.stepgym.rewards.progress;

/** Training data or a model folder that cannot be used; the message says why and what to do. */
public final class ProgressModelException extends IllegalArgumentException {
    public ProgressModelException(String message) {
        super(message);
    }

    public ProgressModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
