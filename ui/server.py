"""One server for the web chat and the HTTP API: ``build_server(assistant) -> FastAPI`` and ``run``.

The API app (:mod:`ui.api`) is the parent; the Gradio web chat is mounted on it at ``/`` (Gradio's
documented ``mount_gradio_app``), so ``/api/*`` and ``/v1/*`` are served by the API and everything
else by the web chat, in one process on one port.
"""

from __future__ import annotations

import logging
import socket
from typing import Any

import uvicorn
from fastapi import FastAPI

from ui.api import build_api

__all__ = ["bind", "build_server", "run"]

log = logging.getLogger(__name__)


def build_server(assistant: Any, *, web: Any = None, api: FastAPI | None = None) -> FastAPI:
    """The API for ``assistant`` with the web chat (``ui.app.build_app``) mounted at ``/``."""
    from ui.app import ANSWER_CONCURRENCY, build_app

    api = api or build_api(assistant, concurrency=ANSWER_CONCURRENCY)
    web = web or build_app(assistant)
    return web.mount(api, "/")


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``; raises OSError (port in use, bad address) before serving."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run(server: FastAPI, sock: socket.socket) -> None:
    """Serve ``server`` on ``sock`` until interrupted (Ctrl+C / SIGTERM stop it gracefully)."""
    config = uvicorn.Config(server, log_level="warning", access_log=False, timeout_graceful_shutdown=5)
    uvicorn.Server(config).run(sockets=[sock])
