"""Writing snapshot files: meaningful, safe names and atomic writes.

A file is written through a temporary file in the target folder and ``os.replace``, so a
failed export never leaves a partial file.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from zones.data.catalogue import Catalogue
from zones.data.layers import LoadResult
from zones.export.formats import snapshot_bytes
from zones.export.snapshot import PRODUCT, ExportError, Snapshot


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
    Raises :class:`ExportError`; on failure no file (and no partial file) is left.
    """
    path = Path(path)
    if path.is_dir():
        path = path / file_name(snapshot, fmt, catalogue)
    if not path.parent.is_dir():
        raise ExportError(f"the folder {path.parent} does not exist; create it or choose another.",
                          option="out")
    write_atomic(path, snapshot_bytes(snapshot, fmt, catalogue, result))
    return path


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``.

    The file gets the usual permissions (0666 less the umask). Raises :class:`ExportError` if
    the folder cannot be written; the temporary file is then removed.
    """
    path = Path(path)
    try:
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    except OSError as error:
        raise ExportError(f"cannot write in {path.parent} ({error.strerror}); choose a folder you "
                          "can write to.", option="out") from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, 0o666 & ~_UMASK)
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
