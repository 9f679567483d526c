"""Export the notebooks to static HTML handouts, figures included, for reading without Jupyter.

    python scripts/export_handouts.py                          # every notebook, into build/handouts/
    python scripts/export_handouts.py --out /tmp/handouts notebooks/02_worked_example.ipynb

The handouts are made from the outputs saved in the notebooks, without running them again: the
notebooks are committed executed, and the tests re-execute them and compare, so the saved outputs
are the current ones, and an export takes seconds instead of a run of the whole course.

A slider cannot move on paper, so each panel of sliders becomes one line naming the settings its
figure was drawn with (the defaults, as saved); the figure itself is the PNG saved below it.
Widget state is left out of the HTML: drawing dead sliders would take scripts from the internet.
Formulas are typeset by MathJax 3 (its single-file SVG build, `mathjax/tex-svg-full.js` beside
the pages), so the handouts load nothing from the network and work from a USB stick. That file
comes from the npm package `mathjax` at a pinned version: `npm pack` fetches it once at build time
(checking the registry's integrity hash), the script checks its sha256, and keeps it in
build/vendor/. An index.html links the handouts in course order.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

ROOT = Path(__file__).resolve().parent.parent
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
TEMPLATES = Path(__file__).resolve().parent
MATHJAX_VERSION = "3.2.2"
MATHJAX_FILE = "tex-svg-full.js"
MATHJAX_SHA256 = "a4354ff94fd868aea0cc6eaaa79a57fda0588646fc46ee3700a349ee0a11cbe6"
VENDOR = ROOT / "build" / "vendor" / f"mathjax-{MATHJAX_VERSION}"


def export(paths: list[Path], out: Path) -> list[Path]:
    """Write one HTML handout per notebook into out, and an index.html; returns the handouts' paths."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "mathjax").mkdir(exist_ok=True)
    shutil.copyfile(mathjax_script(), out / "mathjax" / MATHJAX_FILE)
    exporter = HTMLExporter(template_name="handout_template", extra_template_basedirs=[str(TEMPLATES)],
                            mathjax_url=f"mathjax/{MATHJAX_FILE}")
    written = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        for_paper(notebook)
        body, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": path.stem}})
        target = out / f"{path.stem}.html"
        target.write_text(body, encoding="utf-8")
        written.append(target)
    (out / "index.html").write_text(_index(paths), encoding="utf-8")
    return written


def mathjax_script(vendor: Path = VENDOR) -> Path:
    """MathJax 3's single-file SVG build, fetched once with npm into vendor and checked by its sha256."""
    target = vendor / MATHJAX_FILE
    if not target.exists() or _sha256(target) != MATHJAX_SHA256:
        if shutil.which("npm") is None:
            raise SystemExit("The handouts ship MathJax from the npm package 'mathjax'; install Node.js and npm.")
        vendor.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(["npm", "pack", f"mathjax@{MATHJAX_VERSION}", "--pack-destination", folder, "--silent"],
                           check=True, capture_output=True, text=True)
            with tarfile.open(Path(folder) / f"mathjax-{MATHJAX_VERSION}.tgz") as archive:
                for name in (f"package/es5/{MATHJAX_FILE}", "package/LICENSE"):
                    member = archive.extractfile(name)
                    (vendor / Path(name).name).write_bytes(member.read())
        if _sha256(target) != MATHJAX_SHA256:
            target.unlink()
            raise SystemExit(f"mathjax@{MATHJAX_VERSION} {MATHJAX_FILE} does not have the sha256 this script expects.")
    return target


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def for_paper(notebook: nbformat.NotebookNode) -> None:
    """Replace every widget output by a line naming its controls' saved values, and drop the widget state.

    Changes notebook in place.
    """
    state = notebook.metadata.pop("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW not in data:
                outputs.append(output)
                continue
            view = data.pop(WIDGET_VIEW)
            if any(key.startswith("image/") for key in data):
                outputs.append(output)  # a figure with a widget view: keep the figure
                continue
            caption = _controls_caption(view.get("model_id", ""), state)
            if caption:
                outputs.append(nbformat.v4.new_output("display_data", data={"text/html": caption}))
        cell.outputs = outputs


def _controls_caption(model_id: str, state: dict) -> str | None:
    """HTML naming the settings of a widget (a box of controls, or one control) from the saved widget
    state; None if the state does not name any."""
    box = state.get(model_id, {})
    children = [child.removeprefix("IPY_MODEL_") for child in box.get("state", {}).get("children", [model_id])]
    headers, settings = [], []
    for child in children:
        model = state.get(child, {})
        values = model.get("state", {})
        if model.get("model_name") == "HTMLModel" and values.get("value"):
            headers.append(values["value"])
        elif ("value" in values or "_options_labels" in values) and values.get("description"):
            settings.append(f"{html.escape(values['description'])} = {html.escape(_readout(values))}")
    if not settings:
        return None
    header = "".join(f"<p>{text}</p>" for text in headers)
    return (f'<div class="handout-controls">{header}<p><em>Drawn with</em> {", ".join(settings)} '
            "<em>(sliders in the live notebook)</em>.</p></div>")


def _readout(values: dict) -> str:
    """A control's value as its readout shows it (a selection slider saves the index of its label)."""
    if "value" not in values:
        return str(values["_options_labels"][values.get("index", 0)])
    value = values["value"]
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return format(value, values.get("readout_format", ".3g").lstrip(":"))
    return str(value)


def _index(paths: list[Path]) -> str:
    """An HTML page linking every handout, titled with each notebook's first heading."""
    items = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        first = next((cell.source for cell in notebook.cells if cell.cell_type == "markdown"), path.stem)
        title = first.splitlines()[0].lstrip("# ").strip() if first else path.stem
        items.append(f'<li><a href="{html.escape(path.stem)}.html">{html.escape(title)}</a></li>')
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>Gradient descent and the mean squared error: handouts</title></head>\n<body>\n"
            "<h1>Gradient descent and the mean squared error</h1>\n<ol start=\"0\">\n"
            + "\n".join(items) + "\n</ol>\n</body></html>\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks to export (default: all of notebooks/)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "handouts", help="folder for the HTML files")
    arguments = parser.parse_args(argv)
    paths = arguments.notebooks or sorted((ROOT / "notebooks").glob("*.ipynb"))
    written = export(paths, arguments.out)
    for target in written:
        print(f"{target}")
    print(f"{len(written)} handouts in {arguments.out}; open {arguments.out / 'index.html'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
