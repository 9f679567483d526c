"""Figures of one gradient descent run: the cost curve and where the parameters went."""

from __future__ import annotations

from gdlib.curvature import critical_learning_rate
from gdlib.descent import gradient_descent
from gdlib.plots import draw_cost_curve, new_figure, warn_on_axes


def cost_curve_view(X, Y, *, alpha=None, beta=None):
    """A figure of J against the iteration, and the function that redraws it.

    X: (m, n); Y: (m, 1); alpha (1, 1) and beta (1, n): the start (default zeros).
    Returns (figure, update) where update(learning_rate, iterations) runs gradient descent
    and redraws the curve, with a warning on the plot when the run diverges.
    """
    critical = critical_learning_rate(X)
    figure, (ax,) = new_figure(height=3.2, width=7.0)

    def update(learning_rate: float, iterations: int) -> None:
        result = gradient_descent(X, Y, learning_rate, iterations, alpha, beta)
        ax.clear()
        draw_cost_curve(ax, result.costs)
        ax.set_xlim(0, max(iterations, 1))
        ax.set_title(f"learning rate {learning_rate:.3g} (critical {critical:.3g}): "
                     f"J = {result.cost:.4g} after {result.iterations_run} iterations")
        if result.diverged:
            warn_on_axes(ax, f"diverged after {result.iterations_run} iterations:\n"
                             f"the learning rate is above the critical {critical:.3g}")

    return figure, update
