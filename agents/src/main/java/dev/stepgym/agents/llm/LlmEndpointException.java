package dev.stepgym.agents.llm;

/**
 * The chat-completions endpoint could not give a usable answer: it was unreachable, refused the
 * request, timed out or kept failing after the allowed retries. The message names the endpoint,
 * the attempts and the last failure (never the API key); the rollout runner reports it as the
 * episode's error.
 */
public final class LlmEndpointException extends RuntimeException {
    private final int status;

    public LlmEndpointException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The last HTTP status the endpoint answered, or 0 when it gave none (timeout, connection failure). */
    public int status() {
        return status;
    }
}
