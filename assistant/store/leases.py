"""Reader leases on index builds, so that a build is removed only when no reader uses it.

Every build folder holds a lease file. A reader (the web chat, the CLI, an ingest copying vectors)
holds a *shared* ``flock`` on it for as long as it uses the build; the writer removes an old build
only while holding an *exclusive* lock, which it tries without waiting: a build in use is kept
and removed by a later ingest. ``flock`` locks belong to open files, so they work between
processes and between threads of one process alike, and the kernel drops them when a process
dies (kill -9 leaves no stale lease).

Order of a reader: read the manifest, take the shared lock of the build it names, and check that
the manifest still names it. A writer removes only builds the manifest no longer names, so a
reader that passed the check holds a build that cannot be removed under it.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = ["LEASE_NAME", "Lease", "create_lease_file", "exclusive", "shared"]

log = logging.getLogger(__name__)

LEASE_NAME = "readers.lock"


def create_lease_file(build: Path) -> None:
    """Create the lease file of a new build folder."""
    (Path(build) / LEASE_NAME).touch()


class Lease:
    """A shared lock on one build; released by ``close()`` or when the holder is collected."""

    def __init__(self, fd: int, build: Path) -> None:
        self.build = build
        self._fd = fd
        self._finalizer: Callable[[], None] | None = None

    def bind(self, owner: object) -> None:
        """Release the lease when ``owner`` is garbage-collected (if not closed before)."""
        fd = self._fd
        self._finalizer = weakref.finalize(owner, _close_fd, fd)

    @property
    def closed(self) -> bool:
        return self._fd < 0

    def close(self) -> None:
        if self._finalizer is not None:
            self._finalizer.detach()
        if self._fd >= 0:
            _close_fd(self._fd)
            self._fd = -1


def _close_fd(fd: int) -> None:
    with contextlib.suppress(OSError):
        os.close(fd)  # closing the file drops its flock


def shared(build: Path) -> Lease | None:
    """A shared lock on ``build``'s lease file, or None when the build is gone (being removed)."""
    path = Path(build) / LEASE_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except (FileNotFoundError, NotADirectoryError):
        return None
    for _ in range(200):  # a writer holds the exclusive lock only while it deletes
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            time.sleep(0.01)
    else:
        os.close(fd)
        return None
    if os.fstat(fd).st_nlink == 0:  # removed while we waited
        os.close(fd)
        return None
    return Lease(fd, Path(build))


@contextlib.contextmanager
def exclusive(build: Path) -> Iterator[bool]:
    """Try to lock ``build`` for removal without waiting; yields whether no reader holds it."""
    path = Path(build) / LEASE_NAME
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except (FileNotFoundError, NotADirectoryError):
        yield True  # no folder, nobody can lease it
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(fd)
