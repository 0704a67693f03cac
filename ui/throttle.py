"""Rate limiting of failed logins, per user name and per client address.

``LoginThrottle`` is a pure sliding-window counter (clock handed in). ``LoginThrottleMiddleware``
wraps the web app (ASGI): a POST to the login route from an address or for a user name with too
many recent failures is answered ``429`` with a Dutch message before the password is checked (so a
blocked attacker costs no hash work either); every ``400`` the login route answers counts as a
failure of that address and that user name. Successful logins do not reset the address count, so
one valid account cannot be used to keep guessing others.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs

__all__ = ["ADDRESS_FACTOR", "LoginThrottle", "LoginThrottleMiddleware"]

log = logging.getLogger(__name__)

#: An address may fail this many times more often than one user name (people behind one NAT).
ADDRESS_FACTOR = 4
_MAX_KEYS = 10_000
_MAX_BODY = 64 * 1024


class LoginThrottle:
    """At most ``max_failures`` failed logins per user name, and ``ADDRESS_FACTOR`` times as many
    per address, within any ``window_s`` seconds."""

    def __init__(self, max_failures: int, window_s: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _limit(self, key: str) -> int:
        return self.max_failures * (ADDRESS_FACTOR if key.startswith("ip:") else 1)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.get(key)
        if times is None:
            return deque()
        while times and times[0] <= now - self.window_s:
            times.popleft()
        if not times:
            del self._failures[key]
        return times

    def retry_after(self, user: str, address: str) -> float:
        """Seconds until a login for ``user`` from ``address`` may be tried again (0: now)."""
        now = self._clock()
        wait = 0.0
        with self._lock:
            for key in (f"user:{user}", f"ip:{address}"):
                times = self._recent(key, now)
                if len(times) >= self._limit(key):
                    wait = max(wait, times[len(times) - self._limit(key)] + self.window_s - now)
        return wait

    def failed(self, user: str, address: str) -> None:
        now = self._clock()
        with self._lock:
            if len(self._failures) > _MAX_KEYS:  # forget keys whose failures have all expired
                for key in list(self._failures):
                    self._recent(key, now)
            for key in (f"user:{user}", f"ip:{address}"):
                self._failures.setdefault(key, deque()).append(now)


def _message(seconds: float) -> bytes:
    minutes = max(1, round(seconds / 60))
    text = (f"Te veel mislukte aanmeldpogingen. Probeer het opnieuw over {minutes} "
            f"minu{'ut' if minutes == 1 else 'ten'}.")
    return json.dumps({"detail": text}, ensure_ascii=False).encode("utf-8")


class LoginThrottleMiddleware:
    """ASGI middleware applying a ``LoginThrottle`` to ``POST .../login``."""

    def __init__(self, app: Any, throttle: LoginThrottle) -> None:
        self.app = app
        self.throttle = throttle

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope.get("type") != "http" or scope.get("method") != "POST" or not scope.get("path", "").rstrip("/").endswith("/login"):
            await self.app(scope, receive, send)
            return
        body = b""
        more = True
        while more:
            message = await receive()
            body += message.get("body", b"")
            more = message.get("more_body", False)
            if len(body) > _MAX_BODY:
                await _respond(send, 413, b'{"detail": "Aanmeldgegevens te groot."}')
                return
        form = parse_qs(body.decode("utf-8", "replace"))
        user = (form.get("username") or [""])[0].strip()[:64]
        address = (scope.get("client") or ("?", 0))[0]
        wait = self.throttle.retry_after(user, address)
        if wait > 0:
            log.warning("login for %r from %s refused: too many failures", user, address)
            await _respond(send, 429, _message(wait), retry_after=wait)
            return

        replayed = False

        async def replay() -> dict:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        async def watch(message: dict) -> None:
            if message.get("type") == "http.response.start" and message.get("status") == 400:
                self.throttle.failed(user, address)
            await send(message)

        await self.app(scope, replay, watch)


async def _respond(send: Callable, status: int, body: bytes, retry_after: float | None = None) -> None:
    headers = [(b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if retry_after is not None:
        headers.append((b"retry-after", str(max(1, int(retry_after + 0.999))).encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
