"""The course in a real browser: Debian's headless Chromium driven by Playwright.

The page has device scale factor 2, as a HiDPI laptop. JupyterLab: every notebook opens without
a kernel-selection dialog, runs all its cells through the Run menu, and shows no error, no
warning and no broken widget; every figure has at least twice the pixels of its size on screen;
every slider, moved with the keyboard, changes the figure of its cell, and dragged with the mouse
changes it while the mouse moves, and after the release shows the picture of its final value (a
step away and back gives the same bytes). Voila: every notebook with sliders renders as an app
without code, its figures are as sharp, and its sliders do all of the above too.

The servers run on 127.0.0.1 with a token, on a temporary copy of notebooks/ (nothing is saved
back), with private Jupyter settings; they and the browser are always shut down, kernels
included. Screenshots and the latency report (build/browser/latency.md and .json: median and
worst slider-to-figure time per notebook) are written for people to look at; no test fails on a
time. Without Chromium the tests skip and say how to install it, except in CI (CI=true), where
they fail.
"""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import pytest
from browser import pages
from browser.report import NotebookResult, Report
from browser.servers import (
    CHROMIUM_ARGS,
    Server,
    chromium_or_skip,
    free_port,
    isolated_environment,
    lab_command,
    new_token,
    voila_command,
)
from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
OUTPUT = ROOT / "build" / "browser"
SCREENSHOTS = OUTPUT / "screenshots"
VIEWPORT = {"width": 1280, "height": 900}


def has_sliders(path: Path) -> bool:
    """Whether a saved notebook displays sliders (its saved widget state holds a slider model)."""
    metadata = json.loads(path.read_text()).get("metadata", {})
    state = metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    return any(model.get("model_name", "").endswith("SliderModel") for model in state.values())


INTERACTIVE = [path for path in NOTEBOOKS if has_sliders(path)]


def _first_code(path: Path) -> str:
    """The source of a notebook's first code cell."""
    cells = json.loads(path.read_text())["cells"]
    return "".join(next(cell for cell in cells if cell["cell_type"] == "code")["source"]).strip()


@pytest.fixture(scope="module")
def chromium() -> str:
    return chromium_or_skip()


@pytest.fixture(scope="module")
def report():
    """The latency report, written to build/browser/ when the module's tests are done (pass or fail)."""
    shutil.rmtree(OUTPUT, ignore_errors=True)
    SCREENSHOTS.mkdir(parents=True)
    collected = Report(OUTPUT)
    yield collected
    collected.write()


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> SimpleNamespace:
    """A temporary folder with a copy of notebooks/ for the servers to serve."""
    base = tmp_path_factory.mktemp("browser")
    root = base / "notebooks"
    shutil.copytree(ROOT / "notebooks", root, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    return SimpleNamespace(base=base, root=root)


@pytest.fixture(scope="module")
def browser(chromium):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def context(browser):
    """One browser context for the module (its cache saves reloading JupyterLab's scripts), which can
    reach 127.0.0.1 only."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=2)
    try:
        pages.keep_on_this_machine(context)
        yield context
    finally:
        context.close()


@pytest.fixture
def page(context):
    """A fresh page."""
    page = context.new_page()
    try:
        yield page
    finally:
        page.close()


def _serve(name: str, command, environment, ready_url: str, workspace) -> Server:
    return Server(command, environment, ready_url, workspace.base / f"{name}.log", cwd=workspace.root)


@pytest.fixture(scope="module")
def lab(chromium, workspace):
    """A JupyterLab server on the copied notebooks."""
    port, token = free_port(), new_token()
    environment = isolated_environment(workspace.base / "lab")
    command = lab_command(workspace.root, port, token, workspace.base / "lab" / "lab_workspaces")
    url = f"http://127.0.0.1:{port}"
    server = _serve("jupyterlab", command, environment, f"{url}/api/status?token={token}", workspace)
    lab = SimpleNamespace(url=url, token=token, server=server, shutdowns=[], shutdown_errors=[])
    try:
        server.start()
        yield lab
    finally:
        for thread in lab.shutdowns:
            thread.join(timeout=60)
        server.stop()
    assert not lab.shutdown_errors, f"kernels that would not shut down: {lab.shutdown_errors}"


@pytest.fixture(scope="module")
def voila(chromium, workspace):
    """A Voila server on the copied notebooks."""
    port, token = free_port(), new_token()
    environment = isolated_environment(workspace.base / "voila")
    connections = workspace.base / "voila" / "connections"
    connections.mkdir(parents=True)
    command = voila_command(workspace.root, port, token, connections)
    url = f"http://127.0.0.1:{port}"
    server = _serve("voila", command, environment, f"{url}/?token={token}", workspace)
    try:
        server.start()
        yield SimpleNamespace(url=url, token=token, server=server)
    finally:
        server.stop()


def _kernels(server: SimpleNamespace) -> list[str]:
    """The ids of a server's running kernels."""
    listing = urllib.request.Request(f"{server.url}/api/kernels", headers={"Authorization": f"token {server.token}"})
    with urllib.request.urlopen(listing, timeout=10) as answer:
        return [kernel["id"] for kernel in json.load(answer)]


def _shut_down(server: SimpleNamespace, kernel_ids: list[str]) -> None:
    """Shut kernels down through the server's REST API (each call waits until its kernel exited)."""
    for kernel_id in kernel_ids:
        request = urllib.request.Request(f"{server.url}/api/kernels/{kernel_id}", method="DELETE",
                                         headers={"Authorization": f"token {server.token}"})
        try:
            with urllib.request.urlopen(request, timeout=60):
                pass
        except urllib.error.HTTPError as error:
            if error.code != 404:  # 404: gone already
                server.shutdown_errors.append(f"{kernel_id}: {error}")
        except OSError as error:
            server.shutdown_errors.append(f"{kernel_id}: {error}")


def _shut_down_in_background(server: SimpleNamespace) -> None:
    """Shut down the kernels running now, without waiting: the next notebook can start meanwhile."""
    thread = threading.Thread(target=_shut_down, args=(server, _kernels(server)), daemon=True)
    thread.start()
    server.shutdowns.append(thread)


@pytest.fixture(scope="module")
def lab_page(lab, context):
    """One JupyterLab page for every notebook: loading JupyterLab once saves seconds per notebook."""
    page = context.new_page()
    try:
        pages.open_lab(page, lab.url, lab.token)
        yield page
    finally:
        page.close()


def _screenshot_whole_notebook(page: Page, name: str, scroller: str, element: str = "body") -> None:
    """Save a picture of a whole notebook: the window is made as tall as the element that scrolls
    the notebook (scroller), then the element is pictured."""
    height = page.evaluate(f"document.querySelector('{scroller}').scrollHeight")
    page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height) + 200, 16_000)})
    try:
        page.evaluate(f"document.querySelector('{scroller}').scrollTop = 0")
        page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
        page.locator(element).screenshot(path=SCREENSHOTS / f"{name}.png")
    finally:
        page.set_viewport_size(VIEWPORT)


def _move_every_slider(page: Page, scope, result: NotebookResult, label: str, *, back_and_forth: bool,
                       after_move) -> None:
    """Move each slider in scope one step (and back, if back_and_forth); record each latency;
    one screenshot per cell, after its first move."""
    handles = pages.slider_handles(scope)
    result.sliders = len(handles)
    pictured: set[int] = set()
    for handle in handles:
        name = pages.slider_label(handle)
        cell = pages.cell_number(pages.cell_of(handle))
        moved, latency = pages.move_slider(page, handle, "ArrowRight")
        result.moves.append(pages.Move(name, cell, moved, latency))
        after_move()
        if cell not in pictured:
            pictured.add(cell)
            pages.cell_of(handle).screenshot(path=SCREENSHOTS / f"{label}-2-after-slider-cell{cell}.png")
        if back_and_forth:
            back = {"ArrowRight": "ArrowLeft", "ArrowLeft": "ArrowRight"}[moved]
            moved, latency = pages.move_slider(page, handle, back)
            result.moves.append(pages.Move(name, cell, moved, latency))
            after_move()
        drag = pages.drag_slider(page, handle, after_settle=after_move)
        result.drags.append(drag)
        assert drag.figures_during_drag >= 1, f"dragging the slider {name!r} did not change the figure while it moved"
        assert drag.final_is_the_values_picture, (
            f"after dragging the slider {name!r}, a step away and back showed a different picture")


def _assert_sharp(scope) -> None:
    """Every figure in scope has at least twice the pixels of its size on screen (device scale 2)."""
    for number, size in enumerate(pages.figure_sizes(scope), start=1):
        (natural_width, natural_height), (shown_width, shown_height) = size["natural"], size["shown"]
        assert shown_width > 0, f"figure {number} is not shown"
        assert natural_width >= 2 * shown_width - 1 and natural_height >= 2 * shown_height - 1, (
            f"figure {number} has {natural_width} x {natural_height} px for {shown_width:.0f} x "
            f"{shown_height:.0f} CSS px: blurry on a HiDPI screen")


def test_there_are_notebooks_with_sliders():
    assert INTERACTIVE, "no notebook in notebooks/ has sliders: the slider tests below would test nothing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_in_jupyterlab_runs_clean_and_every_slider_redraws(path: Path, lab, lab_page: Page, report: Report):
    page, label = lab_page, f"{path.stem}-lab"
    try:
        status = pages.open_notebook(page, path.name)
        assert status.startswith("Python 3"), f"the notebook started the kernel {status!r}, not the python3 one"

        started = time.monotonic()
        pages.run_all_cells(page)
        result = NotebookResult(path.name, "JupyterLab", time.monotonic() - started)
        _screenshot_whole_notebook(page, f"{label}-1-after-run", f"{pages.PANEL} .jp-WindowedPanel-outer", pages.PANEL)
        panel = page.locator(pages.PANEL)
        assert not pages.cells_not_run(page), f"code cells {pages.cells_not_run(page)} did not run"
        assert not pages.problems(panel), "\n".join(pages.problems(panel))
        _assert_sharp(panel)

        _move_every_slider(page, panel, result, label, back_and_forth=True,
                           after_move=lambda: pages.wait_until_idle(page))
        report.add(result)
        if path in INTERACTIVE:
            assert result.sliders > 0, "the notebook saved sliders, but none was drawn in JupyterLab"
        assert not pages.problems(panel), "moving the sliders caused:\n" + "\n".join(pages.problems(panel))
    finally:
        try:
            pages.close_notebook(page)
        except Exception:  # leave a clean JupyterLab for the next notebook whatever happened here
            pages.open_lab(page, lab.url, lab.token)
        _shut_down_in_background(lab)


@pytest.mark.parametrize("path", INTERACTIVE, ids=lambda path: path.stem)
def test_in_voila_renders_an_app_whose_sliders_redraw(path: Path, voila, page: Page, report: Report):
    label = f"{path.stem}-voila"
    try:
        started = time.monotonic()
        pages.open_in_voila(page, f"{voila.url}/voila/render/{path.name}?token={voila.token}")
        result = NotebookResult(path.name, "Voila", time.monotonic() - started)
        _screenshot_whole_notebook(page, f"{label}-1-after-run", pages.VOILA_SCROLLER)
        body = page.locator("body")
        assert page.locator(".jp-CodeCell").count() > 0, "Voila showed no cell"
        code = page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeCell .jp-InputPrompt, .cm-editor")
        assert code.count() == 0, "Voila shows code cells' code"
        assert _first_code(path) not in body.inner_text(), "Voila shows the code of the first code cell"
        assert not pages.problems(body), "\n".join(pages.problems(body))
        assert "error when executing" not in body.inner_text().lower()
        _assert_sharp(body)

        _move_every_slider(page, body, result, label, back_and_forth=False, after_move=lambda: None)
        report.add(result)
        assert result.sliders > 0, "the notebook saved sliders, but Voila drew none"
        assert not pages.problems(body), "moving the sliders caused:\n" + "\n".join(pages.problems(body))
    finally:
        page.goto("about:blank")  # leaving the app makes Voila shut its kernel down
