package dev.stepgym.sandbox.browser;

import dev.stepgym.protocol.ErrorCode;
import dev.stepgym.protocol.StepGymException;

/**
 * Every failure of the browser pool, with a {@link Kind} that tells a page's own trouble (report it
 * to the agent, reset the session) from a missing installation or a full pool.
 *
 * <pre>{@code
 * try {
 *     session.call(page -> page.click("aria-ref=e7"));
 * } catch (BrowserException e) {
 *     if (e.kind().sessionLost()) { ... the episode's page is gone: reset the session ... }
 *     observation.lastActionError(e.getMessage());
 * }
 * }</pre>
 */
public final class BrowserException extends StepGymException {
    /** What went wrong. */
    public enum Kind {
        /** Chromium or Node is not where the pool looks (scripts/setup.sh installs both). */
        NOT_INSTALLED(ErrorCode.INTERNAL, false),
        /** Playwright or Chromium could not be started. */
        LAUNCH_FAILED(ErrorCode.INTERNAL, false),
        /** The work given to the page failed (a Playwright error: no such element, a navigation refused, ...). */
        ACTION_FAILED(ErrorCode.BAD_REQUEST, false),
        /** The call ran past its timeout; when it had started, the page hung and the session's context was closed. */
        TIMEOUT(ErrorCode.INTERNAL, true),
        /** The page's renderer crashed (chrome://crash, out of memory); the session's context was closed. */
        PAGE_CRASHED(ErrorCode.INTERNAL, true),
        /** The session's browser process died; the pool replaces it, the session must be reset. */
        BROWSER_CRASHED(ErrorCode.INTERNAL, true),
        /** The session or the pool is closed. */
        CLOSED(ErrorCode.INTERNAL, true),
        /** Every browser of the pool holds its maximum of contexts. */
        CAPACITY(ErrorCode.CAPACITY, false),
        /** A bad argument: an origin that is not http(s)://host:port, a non-positive limit. */
        BAD_INPUT(ErrorCode.BAD_REQUEST, false);

        private final ErrorCode code;
        private final boolean sessionLost;

        Kind(ErrorCode code, boolean sessionLost) {
            this.code = code;
            this.sessionLost = sessionLost;
        }

        /** True when the session's page is gone and only {@link BrowserSession#reset()} (or a new session) helps. */
        public boolean sessionLost() {
            return sessionLost;
        }
    }

    private final Kind kind;

    public BrowserException(Kind kind, String message) {
        super(kind.code, message);
        this.kind = kind;
    }

    public BrowserException(Kind kind, String message, Throwable cause) {
        super(kind.code, message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
