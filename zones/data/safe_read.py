"""Reading a file of the data folder with a bound: a regular file inside the folder, never more
than its limit plus one byte, and never a read that can block.

Every file the app reads from the data folder (the catalogue, the layer files, the gazetteer,
the region outline) goes through :func:`read_bounded`. A size check alone is not enough: a
device or a named pipe reports a size of 0, then streams for ever (``/dev/zero``) or blocks the
reader until someone writes (a FIFO). So the file is opened without blocking and its type is
checked on the opened descriptor (no swap between check and read), then at most ``limit + 1``
bytes are read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MEGABYTE = 1024 * 1024


class RefusedFile(ValueError):
    """A file the app will not read. ``reason`` says why, in words a user can act on."""

    def __init__(self, path: Path, reason: str):
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def read_bounded(path: Path, limit: int, *, directory: Path) -> bytes:
    """The bytes of ``path``, which must be a regular file of at most ``limit`` bytes lying in
    ``directory`` once links are resolved.

    Raises FileNotFoundError when the file (or a link's target) does not exist, and
    :class:`RefusedFile` for a file outside ``directory``, anything but a regular file (folder,
    named pipe, device, socket), or a file over ``limit`` bytes. Reads at most ``limit + 1``
    bytes and never blocks.
    """
    path = Path(path)
    resolved = path.resolve(strict=True)  # FileNotFoundError for a missing file or a dangling link
    root = Path(directory).resolve()
    # Checked before opening (opening some devices acts on them) and again on the descriptor.
    _require_regular(path, os.stat(resolved).st_mode)
    if not resolved.is_relative_to(root):
        raise RefusedFile(path, f"it lies outside the data folder {root} (it leads to {resolved}); "
                                "put the file itself in the data folder.")
    # O_NONBLOCK: opening a named pipe would otherwise wait for a writer.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_CLOEXEC", 0)
    descriptor = os.open(resolved, flags)
    try:
        status = os.fstat(descriptor)
        _require_regular(path, status.st_mode)
        if status.st_size > limit:
            raise RefusedFile(path, too_large(status.st_size, limit))
        data = _read_up_to(descriptor, limit + 1)
    finally:
        os.close(descriptor)
    if len(data) > limit:  # the file grew after fstat
        raise RefusedFile(path, too_large(len(data), limit))
    return data


def _require_regular(path: Path, mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise RefusedFile(path, f"it is {file_kind(mode)}, not a regular file; put a regular file "
                                "there.")


def too_large(size: int, limit: int) -> str:
    """The reason given for a file of ``size`` bytes over a ``limit`` of bytes."""
    return f"the file is {size / MEGABYTE:.3g} MB, over the limit of {limit / MEGABYTE:.3g} MB."


def file_kind(mode: int) -> str:
    """What a file of ``mode`` (``st_mode``) is, in words: "a named pipe", "a folder"…"""
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"),
             (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
             (stat.S_ISSOCK, "a socket"), (stat.S_ISREG, "a regular file"))
    return next((words for test, words in kinds if test(mode)), "a special file")


def _read_up_to(descriptor: int, count: int) -> bytes:
    chunks, remaining = [], count
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, MEGABYTE))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)
