"""One Python exception per StepGym protocol error code (docs/protocol.md, "Errors").

Every server error arrives as ``{"error": {"code", "message", ...}}``; :func:`error_from_payload`
turns it into the matching subclass of :class:`StepGymError`, so callers can write
``except EpisodeDoneError`` instead of comparing strings.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Type


class StepGymError(Exception):
    """An error answered by a StepGym server, or met while talking to one.

    ``code`` is the protocol error code (``"EPISODE_DONE"``...), ``status`` the HTTP status (on the
    WebSocket, whose replies carry none, the status the code has over HTTP), ``message`` the server's explanation, and ``details`` the
    whole error object (it may hold more fields, such as ``retry_after_seconds``).
    """

    code: Optional[str] = None
    default_status: Optional[int] = None

    def __init__(self, message: str, *, code: Optional[str] = None, status: Optional[int] = None,
                 details: Optional[Dict[str, Any]] = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.status = status if status is not None else self.default_status
        self.details = dict(details or {})

    @property
    def retry_after_seconds(self) -> Optional[float]:
        value = self.details.get("retry_after_seconds")
        return float(value) if isinstance(value, (int, float)) else None

    def __str__(self) -> str:
        status = f" {self.status}" if self.status is not None else ""
        return f"{self.code or 'ERROR'}{status}: {self.message}"


class BadRequestError(StepGymError):
    """400: malformed JSON, wrong types, missing fields or refused options."""
    code, default_status = "BAD_REQUEST", 400


class UnknownOpError(StepGymError):
    """400: a WebSocket frame with an unknown ``op``."""
    code, default_status = "UNKNOWN_OP", 400


class UnknownEnvError(StepGymError):
    """404: no such environment; the message lists the registered ids."""
    code, default_status = "UNKNOWN_ENV", 404


class UnknownTaskError(StepGymError):
    """404: no such task in the environment."""
    code, default_status = "UNKNOWN_TASK", 404


class EpisodeNotFoundError(StepGymError):
    """404: unknown episode id (never existed, expired, closed, or closed at shutdown)."""
    code, default_status = "EPISODE_NOT_FOUND", 404


class NotFoundError(StepGymError):
    """404: unknown route, or recording is off."""
    code, default_status = "NOT_FOUND", 404


class RequestTimeoutError(StepGymError):
    """408: the request body did not arrive within the server's body timeout."""
    code, default_status = "REQUEST_TIMEOUT", 408


class EpisodeDoneError(StepGymError):
    """409: a step (or fork) after ``terminated`` or ``truncated``; call ``reset()``."""
    code, default_status = "EPISODE_DONE", 409


class TooLargeError(StepGymError):
    """413: request body or WebSocket message over the limit, or too many batch entries."""
    code, default_status = "TOO_LARGE", 413


class ReplyTooLargeError(StepGymError):
    """413: the answer would pass the server's reply limit."""
    code, default_status = "REPLY_TOO_LARGE", 413


class CorruptTrajectoryError(StepGymError):
    """422: the episode's trajectory file is damaged."""
    code, default_status = "CORRUPT_TRAJECTORY", 422


class CapacityError(StepGymError):
    """429: too many open episodes (or requests in flight on a socket); retried with back-off first."""
    code, default_status = "CAPACITY", 429


class InternalError(StepGymError):
    """500: a bug on the server side, usually in an environment; the episode stays usable."""
    code, default_status = "INTERNAL", 500


class ShuttingDownError(StepGymError):
    """503: the server is stopping and takes no new requests."""
    code, default_status = "SHUTTING_DOWN", 503


class TransportError(StepGymError):
    """No protocol answer at all: connection refused, reset, timed out, or a reply that is not JSON."""
    code = "TRANSPORT"


class ResetNeededError(StepGymError):
    """Client side: ``step()`` or ``fork()`` before ``reset()`` (or after ``close()``)."""
    code = "RESET_NEEDED"


ERROR_CLASSES: Dict[str, Type[StepGymError]] = {cls.code: cls for cls in (
    BadRequestError, UnknownOpError, UnknownEnvError, UnknownTaskError, EpisodeNotFoundError, NotFoundError,
    RequestTimeoutError, EpisodeDoneError, TooLargeError, ReplyTooLargeError, CorruptTrajectoryError,
    CapacityError, InternalError, ShuttingDownError)}


def error_from_payload(payload: Any, status: Optional[int] = None,
                       retry_after: Optional[float] = None) -> StepGymError:
    """The exception for a server error body (``{"error": {...}}`` or the inner object).

    An unknown code still gives a :class:`StepGymError` carrying that code, so a newer server's codes are
    never lost; a body that is no error object at all gives a :class:`TransportError`.
    """
    error = payload.get("error", payload) if isinstance(payload, dict) else None
    if not isinstance(error, dict) or "code" not in error:
        return TransportError(f"unexpected error body: {str(payload)[:500]}", status=status)
    details = dict(error)
    if retry_after is not None and "retry_after_seconds" not in details:
        details["retry_after_seconds"] = retry_after
    code = str(error.get("code"))
    message = str(error.get("message", ""))
    cls = ERROR_CLASSES.get(code)
    if cls is None:
        return StepGymError(message, code=code, status=status, details=details)
    return cls(message, status=status, details=details)
