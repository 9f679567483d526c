"""The scaling plot: gdlib's time per iteration against m n, beside the two products alone."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402

from gdlib.plots import COLORS, new_figure  # noqa: E402


def save_scaling_plot(rows: list[dict[str, float]], path: Path) -> Path:
    """Log-log plot of ms per iteration against m n, one colour per n; saved as PNG at path.

    Solid: gdlib; dashed: the two products alone; dotted: gdlib with one BLAS thread (if measured).

    rows: as returned by benchmarks.descent_speed.scaling. Returns path.
    """
    figure, (ax,) = new_figure(height=4.0, width=7.0)
    for color, n in zip(COLORS, sorted({row["n"] for row in rows}), strict=False):
        line = sorted((row for row in rows if row["n"] == n), key=lambda row: row["mn"])
        mn = [row["mn"] for row in line]
        ax.plot(mn, [row["descent_ms"] for row in line], marker="o", color=color, label=f"gdlib, n = {n}")
        ax.plot(mn, [row["floor_ms"] for row in line], linestyle="--", color=color, alpha=0.7,
                label=rf"$X\beta^\top$ and $r^\top X$ alone, n = {n}")
        if all("descent_1_thread_ms" in row for row in line):
            ax.plot(mn, [row["descent_1_thread_ms"] for row in line], linestyle=":", marker="x", color=color,
                    label=f"gdlib, one BLAS thread, n = {n}")
    largest = max(rows, key=lambda row: row["mn"])
    reference = np.array([min(row["mn"] for row in rows), largest["mn"]], dtype=float)
    ax.plot(reference, largest["descent_ms"] * reference / largest["mn"], color=COLORS[7], linewidth=0.8,
            linestyle=":", label="linear in $m n$")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("$m n$ (elements of $X$)")
    ax.set_ylabel("time per iteration (ms)")
    ax.set_title("Gradient descent on the MSE: time per iteration against the size of X")
    ax.legend(loc="upper left", fontsize=8)
    figure.savefig(path, format="png")
    return path
