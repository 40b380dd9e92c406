package dev.stepgym.sandbox.lsp;

import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;

/**
 * Every failure of the language-server layer, with a {@link Kind} that says what went wrong, so a
 * caller can tell a slow or dead server (restart it) from a bad argument (report it).
 *
 * <pre>{@code
 * try {
 *     session.definition("pkg/a.py", 3, 4);
 * } catch (LanguageServerException e) {
 *     if (e.kind() == LanguageServerException.Kind.TIMEOUT) { ... the session is now unhealthy ... }
 * }
 * }</pre>
 */
public final class LanguageServerException extends StepGymException {
    /** What went wrong. */
    public enum Kind {
        /** pyright is not installed where it was looked for. */
        NOT_INSTALLED(ErrorCode.INTERNAL),
        /** The server process could not be started or did not initialize. */
        START_FAILED(ErrorCode.INTERNAL),
        /** A request or a diagnostics wait ran past its timeout; the session is now unhealthy. */
        TIMEOUT(ErrorCode.INTERNAL),
        /** The server process is gone, or the session was closed. */
        DEAD(ErrorCode.INTERNAL),
        /** The server answered a request with an error. */
        SERVER_ERROR(ErrorCode.INTERNAL),
        /** A bad argument: a path outside the workspace, a negative position, a document not open. */
        BAD_INPUT(ErrorCode.BAD_REQUEST),
        /** Every server of the pool stayed leased past the lease wait. */
        CAPACITY(ErrorCode.CAPACITY);

        private final ErrorCode code;

        Kind(ErrorCode code) {
            this.code = code;
        }
    }

    private final Kind kind;

    public LanguageServerException(Kind kind, String message) {
        super(kind.code, message);
        this.kind = kind;
    }

    public LanguageServerException(Kind kind, String message, Throwable cause) {
        super(kind.code, message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
