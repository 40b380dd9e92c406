"""A thin client for the StepGym wire protocol v1 (docs/protocol.md), standard library only.

:class:`StepGymClient` exposes every route as one method returning the decoded JSON. Episode operations go
over HTTP (``urllib``) by default, or over one shared WebSocket with ``transport="ws"`` (needs the
``websockets`` package; see :mod:`stepgym.ws`). The reward service (``/v1/rewards/*``) is HTTP only, as on
the server. A ``429 CAPACITY`` answer is retried with exponential back-off, honouring ``Retry-After`` and
``error.retry_after_seconds``, a bounded number of times; every other error raises its own exception class
(:mod:`stepgym.errors`).
"""

from __future__ import annotations

import json
import random
import time
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, Callable, Dict, List, Optional, Sequence, Union

from .errors import CapacityError, StepGymError, TransportError, error_from_payload

Action = Union[str, Dict[str, Any]]
JSON = Dict[str, Any]

# Episode operations and the HTTP route each one maps to; the WebSocket uses the op names themselves.
_EPISODE_OPS = ("reset", "step", "fork", "close", "trajectory", "batch_step", "envs", "health")


class HttpTransport:
    """One JSON request per call with ``urllib``; no connection state, so it is safe across threads."""

    def __init__(self, base_url: str, timeout: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def request(self, method: str, path: str, body: Optional[JSON] = None) -> Any:
        data = None if body is None else json.dumps(body).encode("utf-8")
        req = urllib.request.Request(self.base_url + path, data=data, method=method,
                                     headers={"Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                return _decode(resp.read(), resp.status)
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                payload = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                payload = {"error": {"code": "HTTP_%d" % e.code, "message": raw.decode("utf-8", "replace")[:500]}}
            raise error_from_payload(payload, e.code, _retry_after_header(e.headers)) from None
        except (urllib.error.URLError, OSError) as e:  # refused, reset, timed out
            reason = getattr(e, "reason", e)
            raise TransportError(f"{method} {self.base_url}{path} failed: {reason}") from None

    def call(self, op: str, fields: JSON) -> Any:
        """An episode operation (see :data:`_EPISODE_OPS`) as its HTTP route."""
        quote = lambda s: urllib.parse.quote(str(s), safe="")  # noqa: E731
        if op == "reset":
            return self.request("POST", "/v1/episodes", fields)
        if op == "step":
            return self.request("POST", f"/v1/episodes/{quote(fields['episode_id'])}/step",
                                {"action": fields["action"]})
        if op == "fork":
            return self.request("POST", f"/v1/episodes/{quote(fields['episode_id'])}/fork")
        if op == "close":
            return self.request("DELETE", f"/v1/episodes/{quote(fields['episode_id'])}")
        if op == "trajectory":
            return self.request("GET", f"/v1/episodes/{quote(fields['episode_id'])}/trajectory")
        if op == "batch_step":
            return self.request("POST", "/v1/batch/step", {"steps": fields["steps"]})
        if op == "envs":
            return self.request("GET", "/v1/envs")
        if op == "health":
            return self.request("GET", "/v1/health")
        raise ValueError(f"unknown operation {op!r}")

    def close(self) -> None:
        pass


def _decode(raw: bytes, status: int) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        raise TransportError(f"reply with status {status} is not JSON: {raw[:200]!r}") from None


def _retry_after_header(headers: Any) -> Optional[float]:
    value = headers.get("Retry-After") if headers is not None else None
    try:
        return float(value) if value is not None else None
    except ValueError:
        return None


class StepGymClient:
    """Every route of a StepGym server (``url`` such as ``http://127.0.0.1:8080``).

    ``transport``: ``"http"`` (default) or ``"ws"``. ``max_retries``: how many times a ``CAPACITY`` answer is
    retried before :class:`~stepgym.errors.CapacityError` is raised; the wait before retry *n* is
    ``backoff * 2**n`` seconds (with jitter), at least what the server asked for, at most ``max_backoff``.
    """

    def __init__(self, url: str, *, transport: str = "http", timeout: float = 60.0, max_retries: int = 5,
                 backoff: float = 0.25, max_backoff: float = 30.0,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        if transport not in ("http", "ws"):
            raise ValueError(f"transport must be 'http' or 'ws', got {transport!r}")
        if max_retries < 0:
            raise ValueError("max_retries must be >= 0")
        self.url = url.rstrip("/")
        self.transport = transport
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._http = HttpTransport(self.url, timeout)
        self._episodes: Any = self._http
        if transport == "ws":
            from .ws import WebSocketTransport  # imported late: HTTP users never need websockets
            self._episodes = WebSocketTransport(self.url, timeout)
        self._spec_cache: Dict[str, JSON] = {}

    # -- episodes ---------------------------------------------------------------------------------------

    def reset(self, env: str, *, task: Optional[str] = None, seed: Optional[int] = None,
              options: Optional[JSON] = None) -> JSON:
        """``POST /v1/episodes``: a new episode's ResetResult (``episode_id``, ``observation``, ``info``...)."""
        fields: JSON = {"env": env}
        if task is not None:
            fields["task"] = task
        if seed is not None:
            fields["seed"] = seed
        if options:
            fields["options"] = options
        return self._call("reset", fields)

    def step(self, episode_id: str, action: Action) -> JSON:
        """``POST /v1/episodes/{id}/step``: the StepResult."""
        return self._call("step", {"episode_id": episode_id, "action": action})

    def fork(self, episode_id: str) -> JSON:
        """``POST /v1/episodes/{id}/fork``: the ResetResult of a new episode in the same state."""
        return self._call("fork", {"episode_id": episode_id})

    def close_episode(self, episode_id: str) -> JSON:
        """``DELETE /v1/episodes/{id}``: the summary (``steps``, ``return``, ``outcome``); idempotent."""
        return self._call("close", {"episode_id": episode_id})

    def trajectory(self, episode_id: str) -> JSON:
        """``GET /v1/episodes/{id}/trajectory``: the recorded header, steps and end line."""
        return self._call("trajectory", {"episode_id": episode_id})

    def batch_step(self, steps: Sequence[JSON]) -> List[Union[JSON, StepGymError]]:
        """``POST /v1/batch/step``: one StepResult per entry, in order; a failed entry is its exception
        (returned, not raised, so one bad episode does not hide the others' results)."""
        reply = self._call("batch_step", {"steps": list(steps)})
        return [error_from_payload(r) if isinstance(r, dict) and "error" in r else r for r in reply["results"]]

    # -- server -----------------------------------------------------------------------------------------

    def health(self) -> JSON:
        return self._call("health", {})

    def envs(self) -> List[JSON]:
        """``GET /v1/envs``: every EnvSpec (id, description, action_format, tools, max_steps...)."""
        specs = self._call("envs", {})["envs"]
        self._spec_cache = {s["id"]: s for s in specs}
        return specs

    def env_spec(self, env_id: str) -> JSON:
        """The EnvSpec of one environment (fetched once, then cached)."""
        if env_id not in self._spec_cache:
            self.envs()
        if env_id not in self._spec_cache:
            from .errors import UnknownEnvError
            raise UnknownEnvError(f"unknown environment {env_id!r}; registered: {sorted(self._spec_cache)}")
        return self._spec_cache[env_id]

    # -- reward service (HTTP only) ------------------------------------------------------------------------

    def transform(self, group: Sequence[JSON], *, transform: Optional[JSON] = None,
                  transforms: Optional[Sequence[JSON]] = None) -> List[JSON]:
        """``POST /v1/rewards/transform``: ``[{"id", "values"}]`` for the group, in order."""
        body: JSON = {"group": list(group)}
        if transform is not None:
            body["transform"] = transform
        if transforms is not None:
            body["transforms"] = list(transforms)
        return self._with_retries(lambda: self._http.request("POST", "/v1/rewards/transform", body))["results"]

    def score(self, pipeline: JSON, steps: Sequence[JSON], context: Optional[JSON] = None) -> List[JSON]:
        """``POST /v1/rewards/score``: each evidence step's ``rewards`` and ``reward``."""
        body: JSON = {"pipeline": pipeline, "steps": list(steps)}
        if context is not None:
            body["context"] = context
        return self._with_retries(lambda: self._http.request("POST", "/v1/rewards/score", body))["steps"]

    def close(self) -> None:
        """Closes the WebSocket, if any (HTTP holds nothing open)."""
        self._episodes.close()

    def __enter__(self) -> "StepGymClient":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- retries ----------------------------------------------------------------------------------------

    def _call(self, op: str, fields: JSON) -> Any:
        return self._with_retries(lambda: self._episodes.call(op, fields))

    def _with_retries(self, attempt: Callable[[], Any]) -> Any:
        for n in range(self.max_retries + 1):
            try:
                return attempt()
            except CapacityError as e:
                if n == self.max_retries:
                    raise
                wanted = e.retry_after_seconds or 0.0
                delay = min(self.max_backoff, max(wanted, self.backoff * (2 ** n) * (1 + random.random() / 2)))
                self._sleep(delay)
        raise AssertionError("unreachable")
