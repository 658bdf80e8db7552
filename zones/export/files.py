"""Writing snapshot files: meaningful, safe names and atomic writes.

A file is written through a temporary file in the target folder and ``os.replace``, so a
failed export never leaves a partial file; only where it was asked, never over a device, a
pipe, the data folder or the project's own files.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from zones.data.catalogue import PROJECT_DIR, Catalogue
from zones.data.layers import LoadResult
from zones.data.safe_read import file_kind
from zones.export.formats import snapshot_bytes
from zones.export.snapshot import PRODUCT, ExportError, Snapshot

# The project's folders of code, data, tests and settings: never an export's destination.
PROJECT_FOLDERS = ("zones", "geodata", "static", "tests", "bench", ".streamlit", ".git", ".ci",
                   ".venv")
EXPORT_SUFFIXES = (".png", ".pdf", ".html", ".htm", ".geojson", ".json")
NAME_MAX = 255  # bytes in one file name on Linux, macOS and Windows file systems


def file_name(snapshot: Snapshot, fmt: str, catalogue: Catalogue) -> str:
    """A meaningful, safe file name: product, date, layers, view and extension.

    For example ``syria-2017-zones_2017-07-06_idlib-south_34.90N-38.30E-z7.png``. Only
    ``[a-z0-9._-]`` survive, so the name can never leave the folder it is written to.
    """
    shown = [spec.id for spec in catalogue.layers if spec.id in snapshot.layers and not spec.is_basemap]
    thematic = [spec.id for spec in catalogue.layers if not spec.is_basemap]
    if not shown:
        layers = "basemap"
    elif shown == thematic and len(shown) > 3:
        layers = "all-layers"
    elif len(shown) > 3:
        layers = "-".join(shown[:2]) + f"-and-{len(shown) - 2}-more"
    else:
        layers = "-".join(shown)
    view = snapshot.view
    place = (f"{abs(view.lat):.2f}{'N' if view.lat >= 0 else 'S'}-"
             f"{abs(view.lon):.2f}{'E' if view.lon >= 0 else 'W'}-z{view.zoom}")
    stem = "_".join((PRODUCT, snapshot.day.isoformat(), layers.replace("_", "-"), place))
    return safe_name(f"{stem}.{fmt}")


def safe_name(name: str) -> str:
    """``name`` lower-cased with anything but ``[a-z0-9._-]`` replaced, never hidden or empty."""
    cleaned = re.sub(r"[^a-z0-9._-]+", "-", name.lower()).lstrip(".-")
    return cleaned[:200] or "snapshot"


def export_snapshot(snapshot: Snapshot, fmt: str, catalogue: Catalogue, result: LoadResult,
                    path: Path) -> Path:
    """Write the snapshot to ``path`` atomically and return ``path``.

    When ``path`` is an existing folder, the file goes inside it under :func:`file_name`.
    The target is checked before anything is drawn (:func:`check_target`). Raises
    :class:`ExportError`; on failure no file (and no partial file) is left.
    """
    path = Path(path)
    if is_folder(path):
        path = path / file_name(snapshot, fmt, catalogue)
    check_target(path, catalogue.directory)
    data = snapshot_bytes(snapshot, fmt, catalogue, result)
    # Through a link to a regular file, the file it leads to is replaced, not the link.
    write_atomic(path.resolve() if path.is_symlink() else path, data)
    return path


def is_folder(path: Path) -> bool:
    """True when ``path`` is an existing folder; False for anything else, including a name the
    system cannot even look up (too long), which :func:`check_target` then names."""
    try:
        return Path(path).is_dir()
    except OSError:
        return False


def check_target(path: Path, data_folder: Path) -> None:
    """Raise :class:`ExportError` (option ``out``) unless ``path`` may receive an export.

    Refused: a missing folder; a name longer than the system allows; anything already there
    that is not a regular file (a folder, device, named pipe, socket, or a link to one, such as
    ``/dev/null`` or ``/proc/self/fd/1``); any place inside ``data_folder`` (the data is never
    written); and the project's own files (its code, data, tests and settings).
    """
    path = Path(path)
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist; create it or choose another.",
                          option="out")
    if len(os.fsencode(path.name)) > NAME_MAX:
        raise ExportError(f"the file name is {len(os.fsencode(path.name))} bytes long; this "
                          f"system allows at most {NAME_MAX}. Choose a shorter name.", option="out")
    try:
        status = path.stat()  # follows links: a link to a device is a device
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise ExportError(f"cannot use {path} ({error.strerror}); choose another file.",
                          option="out") from None
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise ExportError(f"{path} is {file_kind(status.st_mode)}, not a regular file; an export "
                          "never replaces one. Choose a file name.", option="out")
    target = path.resolve()
    if target.is_relative_to(Path(data_folder).resolve()):
        raise ExportError(f"{path} is in the data folder {data_folder}, which exports never write "
                          "to; choose a file elsewhere.", option="out")
    if _is_project_file(target):
        raise ExportError(f"{path} is one of the project's own files (code, data, tests or "
                          "settings); choose a file elsewhere.", option="out")


def _is_project_file(target: Path) -> bool:
    """True inside the project's folders, and for an existing file at the project's top level
    that is not itself an export (``zones.png`` there may be replaced, ``app.py`` may not)."""
    inside = [folder for folder in PROJECT_FOLDERS if target.is_relative_to(PROJECT_DIR / folder)]
    at_top = target.parent == PROJECT_DIR and target.exists() \
        and target.suffix.lower() not in EXPORT_SUFFIXES
    return bool(inside) or at_top


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    A new file gets the usual permissions (0666 less the umask); a file replaced keeps its own
    (0600 stays 0600). The temporary name is short (``.zones-XXXXXXXX.part``), so a long target
    name fails, if at all, with a message about that name. Raises :class:`ExportError` if the
    folder cannot be written; the temporary file is then removed.
    """
    path = Path(path)
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mode = 0o666 & ~_UMASK
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".zones-", suffix=".part")
    except OSError as error:
        raise ExportError(f"cannot write in {path.parent} ({error.strerror}); choose a folder you "
                          "can write to.", option="out") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"cannot write {path} ({error.strerror}); check the disk space and the "
                          "folder's permissions.", option="out") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _current_umask()  # read once at import: os.umask cannot be read without setting it
