"""The HTML handouts (`make handouts`): one per notebook, each with every figure its notebook saved."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from coding_exercises import coding_exercises

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
EMBEDDED_PNG = re.compile(r'<img\b[^>]*\bsrc="data:image/png;base64,[A-Za-z0-9+/=]{100,}"')


def _png_outputs(path: Path) -> int:
    """How many outputs of a saved notebook are PNG figures."""
    cells = json.loads(path.read_text())["cells"]
    return sum("image/png" in output.get("data", {}) for cell in cells for output in cell.get("outputs", []))


def _has_widgets(path: Path) -> bool:
    cells = json.loads(path.read_text())["cells"]
    return any("application/vnd.jupyter.widget-view+json" in output.get("data", {})
               for cell in cells for output in cell.get("outputs", []))


@pytest.fixture(scope="module")
def handouts(tmp_path_factory) -> Path:
    """The handouts of every notebook, exported the way `make handouts` does, into a temporary folder."""
    out = tmp_path_factory.mktemp("handouts")
    finished = subprocess.run([sys.executable, str(ROOT / "scripts" / "export_handouts.py"), "--out", str(out)],
                              capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert finished.stderr == "", f"the export warned or complained:\n{finished.stderr}"
    return out


def test_a_handout_for_every_notebook_and_an_index(handouts):
    assert sorted(path.stem for path in handouts.glob("*.html") if path.name != "index.html") == [
        path.stem for path in NOTEBOOKS]
    index = (handouts / "index.html").read_text()
    for path in NOTEBOOKS:
        assert f'href="{path.stem}.html"' in index


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_handout_has_every_figure_of_its_notebook(handouts, path):
    page = (handouts / f"{path.stem}.html").read_text()
    expected = _png_outputs(path)
    assert len(EMBEDDED_PNG.findall(page)) >= expected, f"{path.name} saved {expected} figures"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_handout_shows_no_dead_widgets(handouts, path):
    """Sliders cannot move on paper: a handout names their settings instead of showing widget debris."""
    page = (handouts / f"{path.stem}.html").read_text()
    assert "VBox(children=" not in page and "widget-state+json" not in page and "widget-view+json" not in page
    if _has_widgets(path):
        assert "Drawn with" in page, f"{path.name}: the settings of its sliders are not named"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_handout_keeps_worked_solutions_folded(handouts, path):
    """A worked solution is one click away on paper too: inside a closed <details>, never in plain view."""
    page = (handouts / f"{path.stem}.html").read_text()
    folded = re.findall(r"<details>(.*?)</details>", page, flags=re.DOTALL)
    assert "<details open" not in page
    for exercise in coding_exercises(path):
        definition = f'<span class="nf">{exercise.function}</span>'
        assert any("<summary>" in block and definition in block for block in folded), (
            f"{path.name}: the solution of {exercise.function} is not inside a closed <details> block")
        outside = re.sub(r"<details>.*?</details>", "", page, flags=re.DOTALL)
        assert outside.count(definition) == exercise.starter.count(f"def {exercise.function}("), (
            f"{path.name}: {exercise.function} is defined in plain view outside its starter")


def test_handouts_ship_mathjax_and_name_no_other_script(handouts):
    assert (handouts / "mathjax" / "tex-svg-full.js").stat().st_size > 1_000_000
    for page in handouts.glob("*.html"):
        sources = re.findall(r'<script[^>]*\bsrc="([^"]*)"', page.read_text())
        assert all(source == "mathjax/tex-svg-full.js" for source in sources), (page.name, sources)
        assert "cdnjs" not in page.read_text() and "require.js" not in page.read_text()


@pytest.fixture(scope="module")
def offline_page():
    """A Chromium page that can open file:// pages and nothing else: every other request is
    aborted and recorded."""
    from browser.servers import CHROMIUM_ARGS, chromium_or_skip
    from playwright.sync_api import sync_playwright

    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context()
        attempts: list[str] = []

        def refuse(route):
            attempts.append(route.request.url)
            route.abort()

        context.route(re.compile(r"^(?!file://)"), refuse)
        page = context.new_page()
        page.attempts = attempts
        try:
            yield page
        finally:
            browser.close()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_formula_is_typeset_from_a_file_with_no_network(handouts, offline_page, path):
    page = offline_page
    page.attempts.clear()
    page.goto((handouts / f"{path.stem}.html").as_uri(), wait_until="load")
    page.wait_for_function("window.MathJax && MathJax.startup && MathJax.startup.promise", timeout=30_000)
    page.evaluate("MathJax.startup.promise")
    typeset = page.locator("mjx-container").count()
    errors = page.locator("mjx-merror").count()
    left = page.evaluate("""() => {
        const prose = [...document.querySelectorAll('.jp-RenderedMarkdown')].map(node => node.innerText);
        return prose.join('\\n').match(/\\$[^$\\n]+\\$/g) || [];
    }""")
    assert page.attempts == [], f"{path.name}: the handout tried to load {page.attempts}"
    assert errors == 0, f"{path.name}: {errors} formulas failed to typeset"
    assert left == [], f"{path.name}: formulas left as LaTeX source: {left[:5]}"
    formulas = sum(_formulas("".join(cell["source"]))
                   for cell in json.loads(path.read_text())["cells"] if cell["cell_type"] == "markdown")
    assert typeset >= formulas, f"{path.name}: {typeset} formulas typeset, its markdown has {formulas}"


def _formulas(markdown: str) -> int:
    """How many formulas a markdown cell holds: $$...$$ and $...$ outside code."""
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"```.*?```", "", markdown, flags=re.DOTALL))
    display = re.findall(r"\$\$.*?\$\$", prose, flags=re.DOTALL)
    inline = re.findall(r"(?<!\\)\$[^$\n]+?(?<!\\)\$", re.sub(r"\$\$.*?\$\$", "", prose, flags=re.DOTALL))
    return len(display) + len(inline)
