"""The README's commands as a newcomer types them: `make lab` and `make present` start, serve the
course map, and stop cleanly, also as root (as in containers, cloud machines and CI here).

The commands run exactly as written, through make. The environment only chooses a free port,
a known token and a browser that opens nothing (BROWSER=true, which Python's webbrowser module
and so Jupyter and Voila honour), and gives Jupyter private folders.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import time
import urllib.request
from pathlib import Path

import pytest
from browser.servers import Server, free_port, isolated_environment, new_token

ROOT = Path(__file__).resolve().parent.parent
COURSE_MAP = "## The course map"

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="the README's commands need make")


def _environment(tmp_path: Path) -> dict[str, str]:
    environment = isolated_environment(tmp_path)
    environment["BROWSER"] = "true"  # the `true` command: "opening" the page does nothing
    environment.pop("MAKEFLAGS", None)
    return environment


def _stop_cleanly(server: Server) -> None:
    killed = server.stop()
    assert killed == [], f"processes that needed SIGKILL: {killed}"


def test_make_lab_serves_the_course_map_and_stops(tmp_path):
    port, token = free_port(), new_token()
    environment = _environment(tmp_path) | {"JUPYTER_PORT": str(port), "JUPYTER_TOKEN": token}
    # `jupyter lab notebooks/00_start_here.ipynb` serves the notebooks folder and opens that file.
    contents = f"http://127.0.0.1:{port}/api/contents/00_start_here.ipynb?token={token}"
    server = Server(["make", "lab"], environment, contents, tmp_path / "lab.log", ROOT)
    try:
        server.start()
        with urllib.request.urlopen(contents, timeout=10) as response:
            notebook = json.load(response)["content"]
        assert COURSE_MAP in "".join(cell["source"] for cell in notebook["cells"])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/lab?token={token}", timeout=10) as response:
            assert response.status == 200 and b"JupyterLab" in response.read()
        log = server.log.read_text()
        assert "Traceback" not in log
        if os.geteuid() == 0:
            assert "--allow-root" in log  # make echoes the command it runs
    finally:
        _stop_cleanly(server)


def test_make_present_serves_the_course_map_as_an_app_and_stops(tmp_path):
    port = free_port()
    environment = _environment(tmp_path) | {"VOILA_PORT": str(port)}
    page = f"http://127.0.0.1:{port}/"
    server = Server(["make", "present"], environment, page, tmp_path / "voila.log", ROOT)
    try:
        server.start(timeout=180)
        with urllib.request.urlopen(page, timeout=120) as response:
            html = response.read().decode()
        assert "Start here: a map of the course" in html and "The course map" in html
        assert "Traceback" not in server.log.read_text()
    finally:
        _stop_cleanly(server)


def test_ctrl_c_stops_make_lab(tmp_path):
    """Ctrl+C in the terminal sends SIGINT to make and JupyterLab together; the server must go."""
    port, token = free_port(), new_token()
    environment = _environment(tmp_path) | {"JUPYTER_PORT": str(port), "JUPYTER_TOKEN": token}
    status = f"http://127.0.0.1:{port}/api/status?token={token}"
    server = Server(["make", "lab"], environment, status, tmp_path / "lab.log", ROOT)
    try:
        server.start()
        os.killpg(server.process.pid, signal.SIGINT)  # the terminal signals the whole foreground group
        time.sleep(1)
        os.killpg(server.process.pid, signal.SIGINT)  # the second Ctrl+C skips JupyterLab's question
        server.process.wait(timeout=30)
    finally:
        _stop_cleanly(server)
    with pytest.raises(OSError):
        urllib.request.urlopen(status, timeout=5)
