"""The figure of notebook 00's slider demo: the cost curve of one gradient descent run.

The axes are fixed for the sliders' whole range and the curve, its end, the title and the
warning are animated (gdlib.plots.animate), so a slider move draws only those, on a background
drawn once: the figure follows a slider while it is dragged.
"""

from __future__ import annotations

import numpy as np

from gdlib.curvature import critical_learning_rate
from gdlib.plots import COLORS, animate, new_figure, warn_on_axes
from gdlib.plots.worked_example import descent_runner, label_decades
from gdlib.validation import check_iterations

#: The cost axis, fixed: from below what a converging run reaches in 1,000 iterations at most
#: rates to a few hundred times the start, so a diverging run leaves through the top.
COST_LIMITS = (1e-12, 1e4)


def cost_curve_view(X, Y, *, alpha=None, beta=None, max_iterations: int = 1000):
    """A figure of J against the iteration, and the function that redraws it.

    X: (m, n); Y: (m, 1); alpha (1, 1) and beta (1, n): the start (default zeros).
    max_iterations: the most iterations update accepts; the iteration axis runs from 0 to it.
    Returns (figure, update) where update(learning_rate, iterations) runs gradient descent
    (gdlib.plots.worked_example.descent_runner) and redraws the curve, with a warning on the
    plot when the learning rate is above the critical one.
    """
    max_iterations = check_iterations(max_iterations)
    run = descent_runner(X, Y, alpha, beta)
    critical = critical_learning_rate(X)
    figure, (ax,) = new_figure(height=3.4, width=7.0)
    (curve,) = ax.plot([], [], color=COLORS[0])
    (end,) = ax.plot([], [], "o", color=COLORS[0], markersize=5)
    ax.set_yscale("log")
    ax.set_ylim(*COST_LIMITS)
    label_decades(ax)
    ax.set_xlim(0, max(max_iterations, 1))
    ax.set_xlabel("iteration k")
    ax.set_ylabel("cost J")
    warning = warn_on_axes(ax, "")
    animate(curve, end, ax.title, warning)

    def update(learning_rate: float, iterations: int) -> None:
        if iterations > max_iterations:
            raise ValueError(f"iterations must be at most max_iterations = {max_iterations}, got {iterations!r}.")
        result = run(learning_rate, iterations)
        k = result.iterations_run
        curve.set_data(np.arange(k + 1), result.costs)
        end.set_data([k], [result.cost])
        ax.title.set_text(f"learning rate {learning_rate:.3g} (critical {critical:.3g})\n"
                          f"J = {result.cost:.3g} after {k} iterations")
        if result.diverged:
            warning.set_text(f"diverged after {k} iterations:\nthe learning rate is above the critical {critical:.3g}")
        elif learning_rate > critical:
            warning.set_text(f"the learning rate is above the critical {critical:.3g}:\nthe cost will blow up")
        else:
            warning.set_text("")
        warning.set_visible(result.diverged or learning_rate > critical)

    return figure, update
