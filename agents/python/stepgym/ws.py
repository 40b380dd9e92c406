"""The WebSocket transport (``/v1/ws``) behind ``StepGymClient(url, transport="ws")``.

It needs the ``websockets`` package (Debian's ``python3-websockets``, 10.4 here), which has no synchronous
client before 11, so one asyncio event loop runs on a daemon thread and owns the socket; callers on any
thread send ``{"id", "op", ...}`` frames through it and wait for the reply with the same ``id`` (replies
may come out of order). The socket is opened on first use and closed by :meth:`close`.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from typing import Any, Dict, Optional

from .errors import TransportError, error_from_payload

try:
    import websockets
except ImportError:  # pragma: no cover - depends on the machine
    websockets = None

# Replies may be large (a trajectory); the protocol's own reply limit is 32 MiB by default.
_MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def ws_url(base_url: str) -> str:
    """``http://h:p`` -> ``ws://h:p/v1/ws`` (``https`` -> ``wss``)."""
    base = base_url.rstrip("/")
    if base.startswith("https://"):
        base = "wss://" + base[len("https://"):]
    elif base.startswith("http://"):
        base = "ws://" + base[len("http://"):]
    elif not base.startswith(("ws://", "wss://")):
        base = "ws://" + base
    return base + "/v1/ws"


class WebSocketTransport:
    """One socket shared by every episode of a client; thread-safe."""

    def __init__(self, base_url: str, timeout: float) -> None:
        if websockets is None:
            raise ImportError("transport='ws' needs the 'websockets' package "
                              "(Debian: apt install python3-websockets; or pip install websockets)")
        self.url = ws_url(base_url)
        self.timeout = timeout
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._thread: Optional[threading.Thread] = None
        self._socket: Any = None
        self._pending: Dict[str, asyncio.Future] = {}
        self._reader: Optional[asyncio.Task] = None
        self._closed = False
        self._connect_lock: Optional[asyncio.Lock] = None

    def call(self, op: str, fields: Dict[str, Any]) -> Any:
        loop = self._ensure_loop()
        frame_id = "c%d" % next(self._ids)
        future = asyncio.run_coroutine_threadsafe(self._request(frame_id, op, fields), loop)
        try:
            reply = future.result(self.timeout + 5)
        except TimeoutError:
            future.cancel()
            raise TransportError(f"no reply to {op} within {self.timeout} s on {self.url}") from None
        if reply.get("ok"):
            return reply.get("result")
        raise error_from_payload({"error": reply.get("error")})

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            loop, thread = self._loop, self._thread
        if loop is None:
            return
        try:
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
        except Exception:  # the socket may already be gone: closing must not fail
            pass
        loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(10)

    # -- on the loop thread -----------------------------------------------------------------------------------

    def _ensure_loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._closed:
                raise TransportError("the WebSocket transport is closed")
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
                self._thread = threading.Thread(target=self._loop.run_forever, name="stepgym-ws", daemon=True)
                self._thread.start()
            return self._loop

    async def _connect(self) -> None:
        if self._connect_lock is None:
            self._connect_lock = asyncio.Lock()
        async with self._connect_lock:  # two first calls at once must share one socket
            if self._socket is not None and not self._socket.closed:
                return
            await self._open()

    async def _open(self) -> None:
        try:
            self._socket = await asyncio.wait_for(
                websockets.connect(self.url, max_size=_MAX_MESSAGE_BYTES, ping_interval=20, ping_timeout=60,
                                   open_timeout=self.timeout), self.timeout)
        except Exception as e:
            raise TransportError(f"cannot open {self.url}: {e}") from None
        self._reader = asyncio.ensure_future(self._read_replies(self._socket))

    async def _request(self, frame_id: str, op: str, fields: Dict[str, Any]) -> Dict[str, Any]:
        await self._connect()
        future = asyncio.get_running_loop().create_future()
        self._pending[frame_id] = future
        try:
            await self._socket.send(json.dumps(dict(fields, id=frame_id, op=op)))
            return await asyncio.wait_for(future, self.timeout)
        except asyncio.TimeoutError:
            raise TransportError(f"no reply to {op} within {self.timeout} s on {self.url}") from None
        except websockets.ConnectionClosed as e:
            raise TransportError(f"{self.url} closed the connection: {e}") from None
        finally:
            self._pending.pop(frame_id, None)

    async def _read_replies(self, socket: Any) -> None:
        try:
            async for message in socket:
                try:
                    reply = json.loads(message)
                except ValueError:
                    continue
                future = self._pending.get(str(reply.get("id")))
                if future is not None and not future.done():
                    future.set_result(reply)
                elif reply.get("id") is None and not reply.get("ok", True):
                    # an error the server could not tie to a frame (e.g. TOO_LARGE): fail every waiter
                    for waiting in list(self._pending.values()):
                        if not waiting.done():
                            waiting.set_result(reply)
        except websockets.ConnectionClosed:
            pass
        finally:
            for waiting in list(self._pending.values()):
                if not waiting.done():
                    waiting.set_exception(TransportError(f"{self.url} closed the connection"))

    async def _shutdown(self) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._reader is not None:
            await asyncio.wait([self._reader], timeout=5)
