"""Delivering rendered bytes: to the caller, to an open binary file, or atomically to a path.

A path is never left half-written: the bytes go to a temporary file in the same
directory (same file system, so the final rename is atomic), which is flushed and
fsynced, then renamed over the target with :func:`os.replace`. If anything fails
on the way, the temporary file is removed and the target is untouched (absent, or
still holding its previous content).
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Union

from exportdocs.exceptions import RenderError

__all__ = ["Target", "deliver"]

#: Where rendered bytes go: a path, an open binary file, or ``None`` to get the bytes back.
Target = Union[str, "os.PathLike[str]", BinaryIO, None]


def deliver(data: bytes, target: Target) -> bytes | None:
    """Return ``data`` (target None), write it to a binary file object, or atomically to a path.

    Raises:
        RenderError: the path cannot be written (the message says why); nothing is left behind.
    """
    if target is None:
        return data
    if isinstance(target, (str, os.PathLike)):
        write_atomic(Path(target), data)
        return None
    if hasattr(target, "write"):
        target.write(data)
        return None
    raise RenderError(
        f"cannot write to {target!r}: pass a path (str or Path), a binary file object, or None"
    )


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a fsynced temporary file and ``os.replace``."""
    directory = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise RenderError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise RenderError(f"cannot write {str(path)!r}: {exc.strerror or exc}") from exc
        raise
    _fsync_dir(directory)


def _fsync_dir(directory: Path) -> None:
    """Persist the rename itself (POSIX); a no-op where directories cannot be opened."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@functools.cache
def producer() -> str:
    """The application that writes the files: ``exportdocs`` and its installed version.

    Both backends name it (the PDF's /Producer, the DOCX's app.xml). Read from the installed
    distribution: the render layer does not import the package's front door.
    """
    try:
        return f"exportdocs {importlib.metadata.version('exportdocs')}"
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        return "exportdocs"
