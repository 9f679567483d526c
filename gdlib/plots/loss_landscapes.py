"""Figures of notebook 11: the MSE landscape of the one-unit tanh network (contours, negative
curvature, a descent path) and the saddle at the origin seen along two lines."""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from matplotlib.patches import Patch

from gdlib.plots import COLORS, SMALLEST_TEXT_PT, animate, new_figure, plain_log_axis
from gdlib.tiny_network import (
    NetworkPath,
    network_cost,
    network_cost_grid,
    network_min_curvature_grid,
)
from gdlib.validation import as_column, check_iterations, check_learning_rate

#: The square of weights (w1, w2) every landscape figure shows.
WEIGHT_RANGE = (-2.5, 2.5)
#: The fixed cost axis of network_landscape_view: every run its sliders allow stays inside it
#: (J is at least 0.00704, the minimum, and at most 15.9 on the runs from the square).
COST_RANGE = (4e-3, 30.0)
#: Colour of the saddle's cross, and of the saddle's level on the cost panel.
SADDLE_COLOR = COLORS[3]
#: The style of the shading where the Hessian has a negative eigenvalue.
_NEGATIVE_CURVATURE = {"color": COLORS[1], "alpha": 0.18}
_BOX = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.85}


def draw_network_landscape(ax, x, Y, *, points: int = 121):
    """Contours of J(w1, w2) with the region of negative curvature shaded and the saddle marked.

    x, Y: (m, 1). Returns the (w1 (p,), w2 (p,), J (p, p)) grid it drew.
    """
    w1 = w2 = np.linspace(*WEIGHT_RANGE, points)
    J = network_cost_grid(x, Y, w1, w2)
    curvature = network_min_curvature_grid(x, Y, w1, w2)
    levels = np.quantile(J, np.linspace(0.0, 1.0, 16) ** 2)
    ax.contour(w1, w2, J, levels=np.unique(levels), colors=COLORS[0], linewidths=0.8)
    ax.contourf(w1, w2, curvature, levels=[curvature.min() - 1, 0], colors=[_NEGATIVE_CURVATURE["color"]],
                alpha=_NEGATIVE_CURVATURE["alpha"])
    ax.plot([0], [0], marker="X", color=SADDLE_COLOR, markersize=10, linestyle="none", label="saddle (0, 0)")
    ax.set_xlabel("$w_1$ (input weight)")
    ax.set_ylabel("$w_2$ (output weight)")
    ax.set_xlim(*WEIGHT_RANGE)
    ax.set_ylim(*WEIGHT_RANGE)
    ax.set_aspect("equal")
    ax.grid(False)
    return w1, w2, J


def descent_runs(x, Y, iterations: int):
    """A function run(start_w1, start_w2, learning_rate) -> NetworkPath of `iterations` updates,
    the same run as gdlib.tiny_network.network_descent, number for number, about 4 times faster.

    x, Y: (m, 1). A slider moves every few milliseconds, and network_descent validates its
    arguments at every step and evaluates J point by point: here the data are checked once,
    each step is the same arithmetic as network_gradient, J is evaluated for the whole path at
    once, and the last 64 runs are kept (a run is a function of its arguments, so a kept run is
    the run). Shorter runs are the first steps of a long one: the slider view takes a prefix.
    """
    x = as_column(x, "x")
    Y = as_column(Y, "Y", x.shape[0])
    iterations = check_iterations(iterations)
    m = x.shape[0]

    @lru_cache(maxsize=64)
    def run(start_w1: float, start_w2: float, learning_rate: float) -> NetworkPath:
        learning_rate = check_learning_rate(learning_rate)
        path = np.empty((iterations + 1, 2))
        w1, w2 = path[0] = (float(start_w1), float(start_w2))
        k = 0
        with np.errstate(over="ignore", invalid="ignore"):
            while k < iterations:
                t = np.tanh(w1 * x)
                r = Y - w2 * t
                d1 = -(2.0 / m) * float(np.sum(r * w2 * x * (1.0 - t**2)))
                d2 = -(2.0 / m) * float(np.sum(r * t))
                # minimize's rules: stop where the gradient is exactly 0, or where it or the step
                # is not finite
                if (d1 == 0.0 and d2 == 0.0) or not (math.isfinite(d1) and math.isfinite(d2)):
                    break
                w1, w2 = w1 - learning_rate * d1, w2 - learning_rate * d2
                if not (math.isfinite(w1) and math.isfinite(w2)):
                    break
                k += 1
                path[k] = w1, w2
        path = path[: k + 1]
        residuals = Y[:, 0] - path[:, 1:] * np.tanh(path[:, :1] * x[:, 0])  # (k + 1, m)
        return NetworkPath(weights=path, costs=np.mean(residuals**2, axis=1))

    return run


def network_landscape_view(x, Y, *, max_iterations: int = 400):
    """The landscape with a gradient descent path, and its cost curve; the function that redraws both.

    x, Y: (m, 1). max_iterations: the most iterations the slider allows; the cost panel's axes
    are fixed (0..max_iterations, and COST_RANGE), so the curve grows in place while a slider
    is dragged. Returns (figure, update) where update(start_w1, start_w2, learning_rate,
    iterations) runs gradient descent from (start_w1, start_w2) and moves the path, its ends,
    the cost curve and the titles; the landscape, the axes and the legend are drawn once.
    """
    run = descent_runs(x, Y, max_iterations)
    figure, (landscape, curve) = new_figure(2, height=4.7, width=9.6)
    draw_network_landscape(landscape, x, Y)
    # pad: a start on the top edge of the window is drawn whole, below the title
    landscape.set_title("J over the weights (w₁, w₂)\nand a run of gradient descent", pad=10)
    (path_line,) = landscape.plot([], [], color=COLORS[7], linewidth=1.5, marker=".", markersize=4,
                                  label="descent path")
    # The start is always inside the window (the sliders' range): drawn whole even on its edge.
    (start_marker,) = landscape.plot([], [], marker="o", color=COLORS[2], markersize=9, linestyle="none",
                                     markeredgecolor="white", label="start", clip_on=False)
    (end_marker,) = landscape.plot([], [], marker="*", color=COLORS[4], markersize=15, linestyle="none",
                                   markeredgecolor="white", label="end")
    saddle_level = network_cost(x, Y, (0.0, 0.0))
    curve.axhline(saddle_level, color=SADDLE_COLOR, linestyle=":", linewidth=1.5,
                  label=f"J at the saddle, {saddle_level:.2f}")
    (cost_line,) = curve.plot([], [], color=COLORS[0], label="cost J of the run")
    (cost_end,) = curve.plot([], [], marker="*", color=COLORS[4], markersize=15, linestyle="none",
                             markeredgecolor="white", clip_on=False)
    animate(path_line, start_marker, end_marker, cost_line, cost_end, curve.title)
    curve.set_yscale("log")
    plain_log_axis(curve.yaxis)
    curve.set(xlim=(0, max_iterations), ylim=COST_RANGE, xlabel="iteration k", ylabel="cost J",
              xticks=np.linspace(0, max_iterations, 5))
    handles = [*landscape.get_legend_handles_labels()[0], Patch(**_NEGATIVE_CURVATURE, label="negative curvature"),
               *curve.get_legend_handles_labels()[0]]
    figure.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=SMALLEST_TEXT_PT)

    def update(start_w1: float, start_w2: float, learning_rate: float, iterations: int) -> None:
        path = run(start_w1, start_w2, learning_rate)
        steps = min(path.costs.size - 1, iterations)
        path = NetworkPath(weights=path.weights[: steps + 1], costs=path.costs[: steps + 1])
        path_line.set_data(path.weights[:, 0], path.weights[:, 1])
        start_marker.set_data(path.weights[:1, 0], path.weights[:1, 1])
        end_marker.set_data(path.weights[-1:, 0], path.weights[-1:, 1])
        cost_line.set_data(np.arange(steps + 1), path.costs)
        cost_end.set_data([steps], path.costs[-1:])
        w1, w2 = path.weights[-1]
        where = f"w = ({w1:.2f}, {w2:.2f})".replace("-", "−")
        if steps < iterations:  # the gradient is exactly 0 only at the saddle, where descent never moves
            where = "the gradient is 0 at the start" if steps == 0 else "stopped early"
        elif max(abs(w1), abs(w2)) > WEIGHT_RANGE[1]:
            where += ", off the plot"
        curve.title.set_text(f"after {steps} steps: J = {path.costs[-1]:.4f}\n{where}")

    return figure, update


#: The two lines through the saddle that saddle_figure follows: unit vectors along the diagonals.
DIAGONALS = {"w₂ = w₁": np.array([1.0, 1.0]) / np.sqrt(2.0), "w₂ = −w₁": np.array([1.0, -1.0]) / np.sqrt(2.0)}
#: How far from the origin saddle_figure follows each line (in either direction).
SADDLE_REACH = 1.2


def saddle_figure(x, Y):
    """The saddle at the origin: contours near it with two lines through it (left), and J along
    each line against the signed distance from the origin (right).

    x, Y: (m, 1). Returns the Figure. Along w2 = w1 (towards both valleys) J falls on both sides of
    the origin; along w2 = -w1 it rises on both sides.
    """
    figure, (ax_map, ax_cuts) = new_figure(2, height=4.0)
    span = np.linspace(-1.6, 1.6, 121)
    J = network_cost_grid(x, Y, span, span)
    ax_map.contour(span, span, J, levels=14, colors=COLORS[0], linewidths=0.8)
    distances = np.linspace(-SADDLE_REACH, SADDLE_REACH, 121)
    for color, (name, direction) in zip((COLORS[1], COLORS[2]), DIAGONALS.items(), strict=True):
        ends = SADDLE_REACH * direction
        ax_map.plot([-ends[0], ends[0]], [-ends[1], ends[1]], color=color, lw=3)
        # each line named at its upper end, above it
        ax_map.annotate(name, ends if ends[1] > 0 else -ends, xytext=(0, 8), textcoords="offset points",
                        ha="center", va="bottom", color=color, fontsize=SMALLEST_TEXT_PT, fontweight="bold",
                        bbox=_BOX)
        costs = [network_cost(x, Y, d * direction) for d in distances]
        ax_cuts.plot(distances, costs, color=color, lw=3, label=f"along {name}")
    J_origin = network_cost(x, Y, (0.0, 0.0))
    for ax, point in ((ax_map, (0.0, 0.0)), (ax_cuts, (0.0, J_origin))):
        ax.plot(*point, marker="X", color=SADDLE_COLOR, markersize=12, markeredgecolor="white", linestyle="none",
                label="saddle (0, 0)", zorder=3)
    ax_map.annotate("saddle", (0.0, 0.0), xytext=(12, 0), textcoords="offset points", ha="left", va="center",
                    color=SADDLE_COLOR, fontsize=SMALLEST_TEXT_PT, fontweight="bold", bbox=_BOX)
    ax_map.set_xlabel("$w_1$ (input weight)")
    ax_map.set_ylabel("$w_2$ (output weight)")
    ax_map.set_aspect("equal")
    ax_map.grid(False)
    ax_map.set_title("contours of J near the origin")
    ax_cuts.set_xlabel("distance from the origin along the line")
    ax_cuts.set_ylabel("cost J")
    ax_cuts.set_title("one line goes down, the other up")
    ax_cuts.legend(loc="upper center", fontsize=SMALLEST_TEXT_PT)
    return figure


__all__ = ["COST_RANGE", "DIAGONALS", "SADDLE_REACH", "WEIGHT_RANGE", "descent_runs", "draw_network_landscape",
           "network_landscape_view", "saddle_figure"]
