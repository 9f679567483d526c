"""Data sets that ship with the course, found through the package, never the working directory."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import numpy as np


def data_path(name: str) -> Path:
    """The path of a data file shipped with the course, e.g. data_path("worked_example.csv").

    Looks inside the installed package first (gdlib/data in a wheel), then in the data/ folder
    of the source tree (an editable install), so notebooks work from any working directory.
    """
    packaged = resources.files("gdlib") / "data" / name
    if packaged.is_file():
        return Path(str(packaged))
    in_tree = Path(__file__).resolve().parent.parent / "data" / name
    if in_tree.is_file():
        return in_tree
    raise FileNotFoundError(f"name must be a data file shipped with gdlib; {name!r} was not found in {in_tree.parent}.")


def _read_commented_csv(name: str) -> tuple[dict[str, str], list[str], np.ndarray]:
    """Read a CSV with '# key: value' comment lines: (settings, column names, values (rows, columns))."""
    settings: dict[str, str] = {}
    rows: list[list[float]] = []
    header: list[str] = []
    for line in data_path(name).read_text().splitlines():
        if line.startswith("#"):
            key, colon, value = line[1:].partition(":")
            if colon and " " not in key.strip():
                settings[key.strip()] = value.strip()
        elif line.strip() and not header:
            header = line.strip().split(",")
        elif line.strip():
            rows.append([float(v) for v in line.split(",")])
    return settings, header, np.array(rows)


def load_worked_example() -> tuple[np.ndarray, np.ndarray]:
    """The 4 x 2 worked example from data/worked_example.csv.

    Returns (X (4, 2), Y (4, 1)).
    """
    _, _, values = _read_commented_csv("worked_example.csv")
    return values[:, :2].copy(), values[:, 2:].copy()


def load_worked_example_start() -> tuple[np.ndarray, np.ndarray, float]:
    """The starting point and step of the worked example, recorded in its CSV file.

    Returns (alpha (1, 1), beta (1, 2), learning_rate float).
    """
    settings, _, _ = _read_commented_csv("worked_example.csv")
    alpha = np.array([[float(settings["initial_alpha"])]])
    beta = np.array([[float(v) for v in settings["initial_beta"].split()]])
    return alpha, beta, float(settings["learning_rate"])


def load_anscombe() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Anscombe's quartet (1973) from data/anscombe.csv: four sets of 11 points.

    Returns {"I": (X (11, 1), Y (11, 1)), "II": ..., "III": ..., "IV": ...}, the sets in order.
    """
    _, header, values = _read_commented_csv("anscombe.csv")
    if header != ["x1", "y1", "x2", "y2", "x3", "y3", "x4", "y4"]:
        raise ValueError(f"anscombe.csv must have the columns x1,y1,...,x4,y4, got {header}.")
    names = ["I", "II", "III", "IV"]
    return {name: (values[:, 2 * k : 2 * k + 1].copy(), values[:, 2 * k + 1 : 2 * k + 2].copy())
            for k, name in enumerate(names)}
