"""Figures shared by the notebooks: the course style, and drawing helpers used more than once.

Every function takes plain arrays and returns or fills a matplotlib Figure that is not
managed by pyplot, so it can be rendered to PNG by gdlib.widgets or shown by the notebook.
"""

from __future__ import annotations

import matplotlib as mpl
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, LogLocator, MaxNLocator, NullLocator

#: Okabe & Ito's colour-blind-safe palette (blue, orange, green, vermillion, purple, sky, yellow, black).
COLORS = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"]

#: A figure that fits on a laptop screen beside nothing else: 9 inches at FIGURE_DPI are 720 CSS px.
FIGURE_WIDTH = 9.0
#: CSS pixels per inch of a figure as shown. PNGs carry twice as many (gdlib.widgets.PIXEL_RATIO,
#: and the inline backend's "retina" format), so they stay sharp on HiDPI screens.
FIGURE_DPI = 80

#: The smallest text of any figure, in points: 12 pt at FIGURE_DPI is 13.3 CSS px, readable
#: on a projector from the back of a room. Labels and titles are larger.
SMALLEST_TEXT_PT = 12.0
LABEL_PT = 13.0
TITLE_PT = 14.0

_STYLE = {
    "axes.prop_cycle": mpl.cycler(color=COLORS),
    "figure.dpi": FIGURE_DPI,
    "savefig.dpi": 2 * FIGURE_DPI,
    "figure.figsize": (FIGURE_WIDTH, 3.6),
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": SMALLEST_TEXT_PT,
    "axes.titlesize": TITLE_PT,
    "figure.titlesize": TITLE_PT,
    "axes.labelsize": LABEL_PT,
    "xtick.labelsize": SMALLEST_TEXT_PT,
    "ytick.labelsize": SMALLEST_TEXT_PT,
    "legend.fontsize": SMALLEST_TEXT_PT,
    "legend.title_fontsize": SMALLEST_TEXT_PT,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "lines.markersize": 7.0,
    "image.cmap": "viridis",
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "gdlib",
}


def apply_style() -> None:
    """Make the course style the default for every figure drawn afterwards."""
    mpl.rcParams.update(_STYLE)


def new_figure(
    ncols: int = 1, *, nrows: int = 1, height: float = 3.6, width: float = FIGURE_WIDTH
) -> tuple[Figure, np.ndarray]:
    """A Figure (not managed by pyplot) with a grid of axes in the course style.

    Returns (figure, axes) where axes is a 1-D array of nrows * ncols Axes.
    """
    with mpl.rc_context(_STYLE):
        figure = Figure(figsize=(width, height), dpi=FIGURE_DPI, layout="constrained")
        # One Agg canvas for the figure's life: saving to PNG then reuses it (and its cached
        # text layouts) instead of building a new one at every slider move.
        FigureCanvasAgg(figure)
        axes = figure.subplots(nrows, ncols, squeeze=False)
    for ax in axes.flat:
        # Tick labels are made when first drawn, outside the style's context: size them now.
        ax.tick_params(labelsize=SMALLEST_TEXT_PT)
        # Five or six labelled ticks per axis read well on a laptop, and every tick label is
        # text drawn again at each slider move: the largest share of an update.
        for axis in (ax.xaxis, ax.yaxis):
            axis.set_major_locator(MaxNLocator(nbins=5))
            axis.isDefault_majloc = True  # still replaced by a log scale or categorical units
    return figure, axes.reshape(-1)


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def set_limits(ax, *, x: tuple[float, float] | None = None, y: tuple[float, float] | None = None) -> None:
    """Set ax's x and/or y limits only where they differ from the current ones.

    A slider update calls this instead of ax.set_xlim: setting equal limits still marks the
    figure stale, which makes gdlib.widgets draw its background again (a slow redraw).
    """
    for limits, get, set_ in ((x, ax.get_xlim, ax.set_xlim), (y, ax.get_ylim, ax.set_ylim)):
        if limits is not None and tuple(map(float, get())) != tuple(map(float, limits)):
            set_(*limits)


def set_text(text, value: str) -> None:
    """Change a Text artist's string only if it differs (see set_limits: equal strings mark it stale)."""
    if text.get_text() != value:
        text.set_text(value)


def animate(*artists):
    """Mark artists as animated: a slider figure draws them again at every move, on top of a
    background drawn once (see gdlib.widgets). Returns the artists, so a caller can write
    (line,) = animate(*ax.plot(...)). Containers (lists, tuples) are flattened."""
    flat = []
    for artist in artists:
        if isinstance(artist, (list, tuple)):
            flat.extend(animate(*artist))
        else:
            artist.set_animated(True)
            flat.append(artist)
    return flat


def power_of_ten_label(value: float, _position=None) -> str:
    """A log-axis tick label such as 10⁻⁸ in plain Unicode; other values as 3 significant digits."""
    if not (np.isfinite(value) and value > 0):
        return ""
    exponent = np.log10(value)
    if abs(exponent - round(exponent)) > 1e-9:
        return f"{value:.3g}"
    return "10" + str(int(round(exponent))).translate(_SUPERSCRIPTS)


def plain_log_axis(axis, numticks: int = 7) -> None:
    """Label a log-scaled axis 10⁻⁴, 10⁰, ... in plain text, with no minor ticks.

    axis: ax.xaxis or ax.yaxis of an axis already set to log scale. Matplotlib's default log
    labels are mathtext, parsed again at every render: a large share of a slider update.
    """
    axis.set_major_locator(LogLocator(base=10, numticks=numticks))
    axis.set_minor_locator(NullLocator())
    axis.set_major_formatter(FuncFormatter(power_of_ten_label))


def draw_cost_curve(ax, costs: np.ndarray, *, label: str | None = None, color: str | None = None, log: bool = True):
    """Draw costs[k] against the iteration k on ax (log scale by default); returns the Line2D.

    costs: (k + 1,) cost after each update; non-finite values are not drawn.
    """
    costs = np.asarray(costs, dtype=float)
    iterations = np.arange(costs.size)
    finite = np.isfinite(costs)
    (line,) = ax.plot(iterations[finite], costs[finite], label=label, color=color)
    if log:
        ax.set_yscale("log")
        plain_log_axis(ax.yaxis)
    ax.set_xlabel("iteration k")
    ax.set_ylabel("cost J")
    return line


def warn_on_axes(ax, message: str):
    """Write a warning (for example 'diverged') across the middle of ax; returns the Text."""
    box = {"facecolor": "white", "alpha": 0.85, "edgecolor": COLORS[3]}
    return ax.text(0.5, 0.5, message, transform=ax.transAxes, ha="center", va="center", fontsize=TITLE_PT,
                   color=COLORS[3], fontweight="bold", bbox=box)
