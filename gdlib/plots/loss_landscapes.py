"""The MSE landscape of the one-unit tanh network: contours, negative curvature, a descent path."""

from __future__ import annotations

import numpy as np

from gdlib.plots import COLORS, new_figure
from gdlib.tiny_network import network_cost_grid, network_descent, network_min_curvature_grid

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


__all__ = ["WEIGHT_RANGE", "draw_network_landscape", "network_landscape_view"]
