"""Figures of notebook 11: the MSE landscape of the one-unit tanh network (contours, negative
curvature, a descent path) and the saddle at the origin seen along two lines."""

from __future__ import annotations

import numpy as np

from gdlib.plots import COLORS, new_figure
from gdlib.tiny_network import (
    network_cost,
    network_cost_grid,
    network_descent,
    network_min_curvature_grid,
)

#: The square of weights (w1, w2) every landscape figure shows.
WEIGHT_RANGE = (-2.5, 2.5)


def draw_network_landscape(ax, x, Y, *, points: int = 121):
    """Contours of J(w1, w2) with the region of negative curvature shaded and the saddle marked.

    x, Y: (m, 1). Returns the (w1 (p,), w2 (p,), J (p, p)) grid it drew.
    """
    w1 = w2 = np.linspace(*WEIGHT_RANGE, points)
    J = network_cost_grid(x, Y, w1, w2)
    curvature = network_min_curvature_grid(x, Y, w1, w2)
    levels = np.quantile(J, np.linspace(0.0, 1.0, 16) ** 2)
    ax.contour(w1, w2, J, levels=np.unique(levels), colors=COLORS[0], linewidths=0.8)
    ax.contourf(w1, w2, curvature, levels=[curvature.min() - 1, 0], colors=[COLORS[1]], alpha=0.18)
    ax.plot([0], [0], marker="X", color=COLORS[3], markersize=9, linestyle="none", label="saddle (0, 0)")
    ax.set_xlabel("$w_1$ (input weight)")
    ax.set_ylabel("$w_2$ (output weight)")
    ax.set_xlim(*WEIGHT_RANGE)
    ax.set_ylim(*WEIGHT_RANGE)
    ax.set_aspect("equal")
    return w1, w2, J


def network_landscape_view(x, Y):
    """The landscape with a gradient descent path, and its cost curve; the function that redraws both.

    x, Y: (m, 1). Returns (figure, update) where update(start_w1, start_w2, learning_rate,
    iterations) runs gradient descent from (start_w1, start_w2) and redraws the path and the curve.
    """
    figure, (landscape, curve) = new_figure(2, height=4.2)
    draw_network_landscape(landscape, x, Y)
    (path_line,) = landscape.plot([], [], color=COLORS[7], linewidth=1.5, marker=".", markersize=3,
                                  label="descent path")
    (start_marker,) = landscape.plot([], [], marker="o", color=COLORS[2], markersize=8, linestyle="none", label="start")
    (end_marker,) = landscape.plot([], [], marker="*", color=COLORS[4], markersize=12, linestyle="none", label="end")
    landscape.legend(loc="lower right", fontsize=8, framealpha=0.9, frameon=True)
    landscape.set_title("J over the two weights (shaded: negative curvature)")
    (cost_line,) = curve.plot([], [], color=COLORS[0])
    curve.set_yscale("log")
    curve.set_xlabel("iteration k")
    curve.set_ylabel("cost J")

    def update(start_w1: float, start_w2: float, learning_rate: float, iterations: int) -> None:
        path = network_descent(x, Y, (start_w1, start_w2), learning_rate, iterations)
        path_line.set_data(path.weights[:, 0], path.weights[:, 1])
        start_marker.set_data(path.weights[:1, 0], path.weights[:1, 1])
        end_marker.set_data(path.weights[-1:, 0], path.weights[-1:, 1])
        cost_line.set_data(np.arange(path.costs.size), path.costs)
        curve.set_xlim(0, max(iterations, 1))
        low, high = path.costs.min(), path.costs.max()
        curve.set_ylim(low / 1.5, high * 1.5)
        w1, w2 = path.weights[-1]
        curve.set_title(f"after {path.costs.size - 1} steps: w = ({w1:.2f}, {w2:.2f}), J = {path.costs[-1]:.4f}")

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
    figure, (ax_map, ax_cuts) = new_figure(2, height=3.8)
    span = np.linspace(-1.6, 1.6, 121)
    J = network_cost_grid(x, Y, span, span)
    ax_map.contour(span, span, J, levels=14, colors=COLORS[0], linewidths=0.8)
    distances = np.linspace(-SADDLE_REACH, SADDLE_REACH, 121)
    for color, (name, direction) in zip((COLORS[1], COLORS[2]), DIAGONALS.items(), strict=True):
        ends = SADDLE_REACH * direction
        ax_map.plot([-ends[0], ends[0]], [-ends[1], ends[1]], color=color, lw=2.5, label=name)
        costs = [network_cost(x, Y, d * direction) for d in distances]
        ax_cuts.plot(distances, costs, color=color, lw=2.5, label=f"along {name}")
    ax_map.plot([0], [0], marker="X", color=COLORS[3], markersize=10, linestyle="none", label="saddle (0, 0)")
    ax_map.set_xlabel("$w_1$ (input weight)")
    ax_map.set_ylabel("$w_2$ (output weight)")
    ax_map.set_aspect("equal")
    ax_map.set_title("contours of J near the origin")
    ax_map.legend(loc="lower right", fontsize=8, framealpha=0.9, frameon=True)
    ax_cuts.axvline(0.0, color=COLORS[3], lw=1, ls=":")
    ax_cuts.set_xlabel("distance from the origin along the line")
    ax_cuts.set_ylabel("cost J")
    ax_cuts.set_title("one line goes down, the other up")
    ax_cuts.legend(loc="upper center")
    return figure


__all__ = ["DIAGONALS", "SADDLE_REACH", "WEIGHT_RANGE", "draw_network_landscape", "network_landscape_view",
           "saddle_figure"]
