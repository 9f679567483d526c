"""The course in a browser tab: the JupyterLite site (`make lite`) runs every notebook in Pyodide,
offline, with the outputs the notebooks were committed with.

The site is built into a temporary folder, served on 127.0.0.1 and opened in headless Chromium,
where every request that leaves 127.0.0.1 is aborted and recorded: none may be attempted. Each
notebook runs top to bottom in its own Pyodide kernel; no cell may fail or write to stderr, and
each code cell's text output must equal the committed one (sanitized as nbval sanitizes), except
the differences named in KNOWN_DIFFERENCES with their reasons. In two notebooks a slider is
dragged and its figure must change. The timings go to build/lite-report.md.

It needs .venv-lite, where `make lite` (and `make test`) install JupyterLite's build tools.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from browser import pages
from browser.servers import CHROMIUM_ARGS, Server, chromium_or_skip, free_port, in_ci
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
LITE_PYTHON = ROOT / ".venv-lite" / "bin" / "python"
REPORT = ROOT / "build" / "lite-report.md"
SANITIZE = [(re.compile(r"0x[0-9a-fA-F]+"), "0xADDRESS")]  # as tests/sanitize.cfg
#: The first import of matplotlib in a fresh Pyodide builds its font cache and says so on stderr;
#: it happens once per kernel, in whichever cell imports matplotlib first.
FONT_CACHE = "Matplotlib is building the font cache; this may take a moment."
#: (notebook, code cell number from 1) -> why its output may differ in Pyodide.
KNOWN_DIFFERENCES: dict[tuple[str, int], str] = {}
#: Notebooks whose first slider is dragged.
SLIDER_NOTEBOOKS = ("00_start_here.ipynb", "02_worked_example.ipynb")

#: The text each code cell shows, output by output, as JupyterLab renders it (streams merged,
#: figures and widgets left out): what a learner reads.
_SHOWN = """(panel) => [...document.querySelectorAll(panel + ' .jp-CodeCell')].map(cell =>
  [...cell.querySelectorAll('.jp-OutputArea-output')]
    .filter(output => /^(text\\/plain|text\\/markdown|application\\/vnd\\.jupyter\\.std(out|err))$/
                      .test(output.dataset.mimeType || ''))
    .map(output => output.innerText))"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    if not LITE_PYTHON.exists():
        message = "the JupyterLite build tools are not installed: run `make lite` once (it creates .venv-lite)"
        if in_ci():
            pytest.fail(message)
        pytest.skip(message)
    out = tmp_path_factory.mktemp("lite") / "site"
    start = time.perf_counter()
    finished = subprocess.run([str(LITE_PYTHON), str(ROOT / "scripts" / "build_lite.py"), "--out", str(out)],
                              capture_output=True, text=True, timeout=1200)
    assert finished.returncode == 0, finished.stdout + finished.stderr
    _report.build_seconds = time.perf_counter() - start
    _report.megabytes = sum(path.stat().st_size for path in out.rglob("*") if path.is_file()) / 1e6
    return out


class _Report:
    build_seconds = 0.0
    megabytes = 0.0
    cold_start = 0.0
    rows: list[str] = []
    slider_ms: list[float] = []

    def write(self) -> None:
        REPORT.parent.mkdir(parents=True, exist_ok=True)
        lines = ["# The JupyterLite site", "",
                 f"Built in {self.build_seconds:.0f} s; {self.megabytes:.0f} MB. Cold start (page open to the "
                 f"first notebook's kernel idle): {self.cold_start:.1f} s.", "",
                 "| notebook | kernel ready (s) | Run All (s) |", "| --- | ---: | ---: |", *self.rows, "",
                 "Slider drag to new figure: " + ", ".join(f"{ms:.0f} ms" for ms in self.slider_ms), ""]
        REPORT.write_text("\n".join(lines))


_report = _Report()


@pytest.fixture(scope="module")
def served(site, tmp_path_factory):
    port = free_port()
    log = tmp_path_factory.mktemp("lite-server") / "http.log"
    command = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)]
    server = Server(command, {"PATH": "/usr/bin:/bin"}, f"http://127.0.0.1:{port}/lab/index.html", log, site)
    try:
        server.start()
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
        _report.write()


@pytest.fixture(scope="module")
def browser_page():
    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        attempts: list[str] = []

        def refuse(route):
            attempts.append(route.request.url)
            route.abort()

        context.route(re.compile(r"^(?!https?://127\.0\.0\.1[:/])"), refuse)
        page = context.new_page()
        page.attempts = attempts
        try:
            yield page
        finally:
            browser.close()


def _text_outputs(cell: dict) -> list[str]:
    """A committed code cell's text outputs in the order JupyterLab shows them: consecutive streams
    merged, a rich result by its markdown (what JupyterLab renders) or else its plain text."""
    texts: list[str] = []
    streaming = False
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            if streaming:
                texts[-1] += "".join(output["text"])
            else:
                texts.append("".join(output["text"]))
            streaming = True
            continue
        streaming = False
        data = output.get("data", {})
        if "image/png" in data or "application/vnd.jupyter.widget-view+json" in data:
            continue
        for key in ("text/markdown", "text/plain"):
            if key in data:
                texts.append("".join(data[key]))
                break
    return texts


def _normalized(texts: list[str]) -> list[str]:
    """Texts compared as a reader sees them: sanitized as nbval does, markdown's ** and ` marks and
    trailing white space dropped."""
    normalized = []
    for text in texts:
        for pattern, replacement in SANITIZE:
            text = pattern.sub(replacement, text)
        text = text.replace("**", "").replace("`", "")
        normalized.append("\n".join(line.rstrip() for line in text.strip().splitlines()))
    return normalized


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_notebook_runs_in_the_browser_tab_as_committed(served, browser_page, path):
    page = browser_page
    start = time.perf_counter()
    page.goto(f"{served}/lab/index.html?path={path.name}", wait_until="domcontentloaded")
    page.wait_for_selector(f"{pages.PANEL} .jp-Cell", timeout=pages.RUN_TIMEOUT_MS)
    pages.wait_until_idle(page)
    ready = time.perf_counter() - start
    _report.cold_start = _report.cold_start or ready
    start = time.perf_counter()
    pages.run_all_cells(page)
    ran = time.perf_counter() - start
    _report.rows.append(f"| {path.name} | {ready:.1f} | {ran:.1f} |")
    assert pages.cells_not_run(page) == [], f"{path.name}: cells that did not run"
    problems = [problem for problem in pages.problems(page.locator(pages.PANEL)) if FONT_CACHE not in problem]
    assert problems == [], f"{path.name} in Pyodide: {problems}"
    if path.name in SLIDER_NOTEBOOKS:
        _report.slider_ms.append(_drag_first_slider(page))
    shown = page.evaluate(_SHOWN, pages.PANEL)
    committed = [cell for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "code"]
    assert len(shown) == len(committed)
    differing = []
    for number, (got, saved_cell) in enumerate(zip(shown, committed, strict=True), start=1):
        got = _normalized([text for text in got if FONT_CACHE not in text])
        expected = _normalized(_text_outputs(saved_cell))
        if got != expected and (path.name, number) not in KNOWN_DIFFERENCES:
            differing.append(f"code cell {number}: got {got!r}, committed {expected!r}")
    assert differing == [], f"{path.name} in Pyodide differs from its committed outputs:\n" + "\n".join(differing)
    assert page.attempts == [], f"{path.name}: requests that tried to leave this machine: {page.attempts}"


def _drag_first_slider(page) -> float:
    """Drag the first slider's handle to the right with the mouse; returns ms until its figure changed."""
    handle = pages.slider_handles(page.locator(pages.PANEL))[0]
    cell = pages.cell_of(handle)
    before = handle.get_attribute("aria-valuetext")
    cell.evaluate(pages._ARM_WATCH)
    page.evaluate("() => { window.__gdlibMove.pressed = performance.now(); }")
    box = handle.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + 40, box["y"] + box["height"] / 2, steps=4)
    page.mouse.up()
    assert handle.get_attribute("aria-valuetext") != before, "the drag did not move the slider"
    page.wait_for_function("() => window.__gdlibMove.shown !== null", timeout=pages.FIGURE_TIMEOUT_MS, polling="raf")
    record = page.evaluate("window.__gdlibMove")
    return record["shown"] - record["pressed"]
