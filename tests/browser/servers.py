"""JupyterLab and Voila servers for the browser tests: on 127.0.0.1, isolated, and always stopped.

Each server runs in its own session (process group) with a private HOME, Jupyter config, data,
runtime and settings folders, so nothing of the user's own Jupyter set-up (extensions, themes,
workspaces, trusted-notebook database) changes what the tests see, and nothing the tests do is
saved where the user would find it. `Server.stop()` ends the server and every process it started,
kernels included (kernels run in sessions of their own, so killing the group alone would miss them).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

#: Debian's Chromium, as `command -v chromium` finds it. The tests never download a browser.
CHROMIUM_NAME = "chromium"

#: Flags for a quiet, headless Chromium that touches nothing outside this machine.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

#: JupyterLab user settings for the tests: no news or update pop-ups over the notebook, and every
#: cell kept in the page (no virtual scrolling), so that every slider can be found in the DOM.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}


INSTALL_HINT = (
    "Chromium was not found on PATH, so the browser tests cannot run. Install it with "
    "`sudo apt-get install chromium` (Debian, Ubuntu: the package may be chromium-browser), "
    "`sudo dnf install chromium` (Fedora) or `brew install --cask chromium` (macOS), "
    "so that `command -v chromium` finds it; the tests never download a browser."
)


def find_chromium() -> str | None:
    """The path of the `chromium` executable on PATH, or None."""
    return shutil.which(CHROMIUM_NAME)


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def chromium_or_skip() -> str:
    """Chromium's path; without it a test skips with install instructions, except in CI (CI=true),
    where it fails: there the browser tests must run."""
    path = find_chromium()
    if path is None:
        if in_ci():
            pytest.fail(f"{INSTALL_HINT} In CI (CI=true) these tests must run, never skip.")
        pytest.skip(INSTALL_HINT)
    return path


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def isolated_environment(base: Path) -> dict[str, str]:
    """Environment variables giving Jupyter, IPython and matplotlib private folders under base.

    Writes LAB_SETTINGS as the JupyterLab user settings. Returns a copy of os.environ with the
    overrides, and this Python's bin folder first on PATH, so the `python3` kernel is this one.
    """
    folders = {
        "HOME": "home",
        "JUPYTER_CONFIG_DIR": "jupyter_config",
        "JUPYTER_DATA_DIR": "jupyter_data",
        "JUPYTER_RUNTIME_DIR": "jupyter_runtime",
        "JUPYTERLAB_SETTINGS_DIR": "lab_settings",
        "JUPYTERLAB_WORKSPACES_DIR": "lab_workspaces",
        "IPYTHONDIR": "ipython",
        "MPLCONFIGDIR": "matplotlib",
    }
    environment = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "VOILA"))}
    for variable, name in folders.items():
        folder = base / name
        folder.mkdir(parents=True, exist_ok=True)
        environment[variable] = str(folder)
    for plugin, values in LAB_SETTINGS.items():
        path = base / "lab_settings" / f"{plugin}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values))
    environment["JUPYTER_PREFER_ENV_PATH"] = "1"
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), environment.get("PATH", "")])
    environment["PYTHONUNBUFFERED"] = "1"
    return environment


def new_token() -> str:
    """A random token for a test server."""
    return secrets.token_hex(16)


def lab_command(root: Path, port: int, token: str, workspaces: Path) -> list[str]:
    """JupyterLab serving root on 127.0.0.1:port, with no news, update checks or extension manager."""
    return [
        sys.executable, "-m", "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.allow_root=True",
        "--ServerApp.terminals_enabled=False",
        "--ServerApp.log_level=WARN",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        "--LabApp.extension_manager=readonly",
        f"--LabApp.workspaces_dir={workspaces}",
    ]


def voila_command(root: Path, port: int, token: str, connections: Path) -> list[str]:
    """Voila serving the notebooks of root on 127.0.0.1:port (default 'lab' template)."""
    return [
        sys.executable, "-m", "voila",
        "--no-browser",
        "--Voila.ip=127.0.0.1",
        f"--port={port}",
        "--Voila.port_retries=0",
        f"--token={token}",
        f"--Voila.connection_dir_root={connections}",
        "--show_tracebacks=True",
        str(root),
    ]


class Server:
    """A server process started in its own session, its output in a log file.

    command: the argv; environment: its environment; ready_url: a URL that answers 200 once the
    server is up; log: where its stdout and stderr go.
    """

    def __init__(self, command: list[str], environment: dict[str, str], ready_url: str, log: Path, cwd: Path):
        self.command = command
        self.environment = environment
        self.ready_url = ready_url
        self.log = log
        self.cwd = cwd
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 120.0) -> None:
        """Start the server and wait until ready_url answers; raise RuntimeError (with the log) if it does not."""
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                self.command, env=self.environment, cwd=self.cwd, stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.ready_url, timeout=5) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.25)
        raise RuntimeError(f"{self.name} did not answer {self.ready_url} within {timeout:.0f} s:\n"
                           f"{self.log_tail()}")

    @property
    def name(self) -> str:
        """What runs: `python -m jupyterlab` is jupyterlab, `make lab` is make lab."""
        return " ".join(self.command[2:3] if self.command[1:2] == ["-m"] else self.command[:2])

    def log_tail(self, lines: int = 40) -> str:
        """The last lines the server printed."""
        if not self.log.exists():
            return ""
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def stop(self, timeout: float = 15.0) -> list[int]:
        """Stop the server, its kernels and anything else it started; returns the pids that needed SIGKILL.

        SIGTERM first (Jupyter servers then shut their kernels down cleanly), SIGKILL after timeout.
        """
        if self.process is None:
            return []
        family = {pid: _started(pid) for pid in descendants(self.process.pid)}
        _signal_group(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            _signal_group(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=timeout)
        for pid, started in family.items():
            _signal(pid, started, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        alive = list(family)
        while alive and time.monotonic() < deadline:
            alive = [pid for pid in alive if _alive(pid, family[pid])]
            time.sleep(0.1 if alive else 0)
        for pid in alive:
            _signal(pid, family[pid], signal.SIGKILL)
        self.process = None
        return alive


def descendants(pid: int) -> list[int]:
    """The pids of every process below pid (children, grandchildren, ...), from `ps`."""
    listing = subprocess.run(["ps", "-A", "-o", "pid=,ppid="], capture_output=True, text=True, check=True).stdout
    children: dict[int, list[int]] = {}
    for line in listing.splitlines():
        child, parent = (int(field) for field in line.split())
        children.setdefault(parent, []).append(child)
    found, stack = [], [pid]
    while stack:
        for child in children.get(stack.pop(), []):
            found.append(child)
            stack.append(child)
    return found


_HAS_PROC = Path("/proc/self/stat").exists()


def _started(pid: int) -> str | None:
    """When pid started (from /proc; None where there is no /proc), so a reused pid is never signalled."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError):
        return None


def _alive(pid: int, started: str | None) -> bool:
    """Whether the process pid that started at `started` still runs (a zombie counts as ended)."""
    if not _HAS_PROC:  # macOS: ask the system
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return False
    return fields[0] != "Z" and fields[19] == started


def _signal(pid: int, started: str | None, number: int) -> None:
    """Send a signal to pid if it is still the process that started at `started`."""
    if _alive(pid, started):
        try:
            os.kill(pid, number)
        except (ProcessLookupError, PermissionError):
            pass


def _signal_group(pgid: int, number: int) -> None:
    try:
        os.killpg(pgid, number)
    except (ProcessLookupError, PermissionError):
        pass
