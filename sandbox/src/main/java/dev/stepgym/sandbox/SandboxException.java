package dev.stepgym.sandbox;

/**
 * Root of every failure the sandbox reports: a refused path or edit, or an operating-system
 * operation that did not work. Unchecked, so callers that turn bad agent actions into
 * observation data catch it in one place and read {@link #kind()}.
 *
 * <pre>{@code
 * try {
 *     workspace.apply(List.of(FileEdit.write("../x", "boom")));
 * } catch (SandboxException e) {
 *     observation.lastActionError(e.kind() + ": " + e.getMessage()); // PATH_ESCAPE: ...
 * }
 * }</pre>
 */
public class SandboxException extends RuntimeException {

    /** What went wrong, coarse enough to map onto an error code or a penalty. */
    public enum Kind {
        /** A path that would leave the workspace: absolute, {@code ..}, or through a symlink. */
        PATH_ESCAPE,
        /** A write under {@code .git}. */
        GIT_DIR,
        /** A path that is not a well-formed relative path: empty, NUL bytes, too long. */
        INVALID_PATH,
        /** A file or object that does not exist. */
        NOT_FOUND,
        /** Content past a size limit. */
        TOO_LARGE,
        /** Content that is not text: NUL bytes or invalid UTF-8. */
        BINARY,
        /** An edit that contradicts the tree or itself (a directory in the way, a path edited twice). */
        CONFLICT,
        /** The operating system or Git failed; the message says what. */
        IO,
        /** This machine lacks a kernel feature the sandbox needs; the message names it. */
        UNSUPPORTED
    }

    private final Kind kind;

    public SandboxException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public SandboxException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "SandboxException[" + kind + "]: " + getMessage();
    }
}
