"""A real Streamlit server on a free local port, for the benchmarks and the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]", "::1"})
START_TIMEOUT_S = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_streamlit(data_dir: Path | None = None, app: str = "app.py") -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run <app>`` on a free port and wait until it answers.

    ``data_dir`` becomes ``$ZONES_DATA_DIR`` (None: the shipped data). Returns the process and
    the page's address; raises RuntimeError when the server exits or does not answer in time.
    """
    port = _free_port()
    env = {**os.environ}
    if data_dir is not None:
        env["ZONES_DATA_DIR"] = str(data_dir)
    else:
        env.pop("ZONES_DATA_DIR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port),
         "--server.headless", "true"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    url = f"http://localhost:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"streamlit did not answer within {START_TIMEOUT_S} s")
