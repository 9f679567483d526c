"""The worked example's figure: the cost curve of one gradient descent run beside its fitted values.

Left, the cost J after each update on a log scale; right, each prediction ŷ against its target
y, with the diagonal ŷ = y that a perfect fit would sit on. Every artist is created once and
updated in place, and the axis limits are fixed, so moving a slider costs one run of gradient
descent and one rendering.
"""

from __future__ import annotations

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.ticker import MaxNLocator, NullLocator

from gdlib.curvature import critical_learning_rate
from gdlib.descent import BLOW_UP_FACTOR, gradient_descent
from gdlib.model import predict
from gdlib.plots import COLORS, new_figure, power_of_ten_label, warn_on_axes
from gdlib.validation import as_alpha, as_beta, as_X, as_Y

#: How many decades below the starting cost the cost axis reaches. The axis tops out two decades
#: above the start, or just above the blow-up (gdlib.descent.BLOW_UP_FACTOR) past the critical rate.
DECADES_BELOW_START = 18


def _label_decades(ax, every: int = 4) -> None:
    """Fixed ticks at every few powers of ten on ax's log-scale y axis, labelled 10⁻⁸ (no mathtext: fast)."""
    low, high = (int(np.ceil(np.log10(limit))) for limit in ax.get_ylim())
    exponents = [e for e in range(low, high + 1) if e % every == 0]
    ax.set_yticks([10.0**e for e in exponents], [power_of_ten_label(10.0**e) for e in exponents])
    ax.yaxis.set_minor_locator(NullLocator())


def worked_example_view(X, Y, *, alpha=None, beta=None):
    """A figure of one gradient descent run (cost curve and fitted values), and the function that redraws it.

    X: (m, n) inputs; Y: (m, 1) targets; alpha (1, 1) and beta (1, n): the start (default zeros).
    Returns (figure, update) where update(learning_rate, iterations) runs gdlib.gradient_descent
    from the start and redraws both panels. Above the critical learning rate, or when the run
    diverges, a message is written on the plot instead of raising or warning.
    """
    X = as_X(X)
    m, n = X.shape
    Y = as_Y(Y, m)
    alpha = np.zeros((1, 1)) if alpha is None else as_alpha(alpha)
    beta = np.zeros((1, n)) if beta is None else as_beta(beta, n)
    critical = critical_learning_rate(X)
    start = predict(X, alpha, beta)
    start_cost = float(np.mean((Y - start) ** 2))

    figure, (cost_ax, fit_ax) = new_figure(2, height=3.9)

    # Left: the cost after each update, on fixed log axes from far below the start to the blow-up.
    (cost_line,) = cost_ax.plot([], [], color=COLORS[0], label="cost J")
    (cost_end,) = cost_ax.plot([], [], "o", color=COLORS[0], markersize=5)
    cost_ax.set_yscale("log")
    bottom = start_cost * 10.0**-DECADES_BELOW_START
    top_converging, top_diverging = start_cost * 100, start_cost * BLOW_UP_FACTOR * 100
    cost_ax.set_ylim(bottom, top_diverging)
    _label_decades(cost_ax)
    cost_ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    cost_ax.set_xlabel("iteration k")
    cost_ax.set_ylabel("cost J (log scale)")
    cost_warning = warn_on_axes(cost_ax, "")

    # Right: predictions against targets; the vertical segments are the residuals y - ŷ.
    low = float(np.floor(min(Y.min(), start.min()) - 1))
    high = float(np.ceil(max(Y.max(), start.max()) + 1))
    fit_ax.plot([low, high], [low, high], "--", color=COLORS[7], linewidth=1,
                label="ŷ = y (perfect fit)")
    residual_segments = LineCollection([], colors=COLORS[3], linewidths=1.5, label="residual y − ŷ")
    fit_ax.add_collection(residual_segments)
    fit_ax.plot(Y[:, 0], start[:, 0], "o", markerfacecolor="none", color=COLORS[1], label="start")
    (fitted,) = fit_ax.plot([], [], "o", color=COLORS[0], label="end of the run")
    fit_ax.set_xlim(low, high)
    fit_ax.set_ylim(low, high)
    fit_ax.set_aspect("equal")
    fit_ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    fit_ax.yaxis.set_major_locator(MaxNLocator(nbins=6))
    fit_ax.set_xlabel("target y")
    fit_ax.set_ylabel("prediction ŷ")
    fit_ax.legend(loc="upper left")
    fit_warning = warn_on_axes(fit_ax, "above the critical rate:\nthe fit will not settle")

    def update(learning_rate: float, iterations: int) -> None:
        result = gradient_descent(X, Y, learning_rate, iterations, alpha, beta)
        k = result.iterations_run
        costs = result.costs
        cost_line.set_data(np.arange(k + 1), costs)
        cost_end.set_data([k], [costs[-1]])
        cost_ax.set_xlim(0, max(iterations, 1))
        cost_ax.set_title(f"learning rate {learning_rate:.3g} (critical {critical:.4f})\n"
                          f"J = {result.cost:.3g} after {k} updates")

        Y_hat = predict(X, result.alpha, result.beta)
        fitted.set_data(Y[:, 0], Y_hat[:, 0])
        residual_segments.set_segments([[(y, y), (y, y_hat)] for y, y_hat in zip(Y[:, 0], Y_hat[:, 0], strict=True)])
        weights = ", ".join(f"{weight:.4f}" for weight in result.beta[0])
        fit_ax.set_title(f"α = {result.alpha[0, 0]:.4f}, β = [{weights}]")

        above = learning_rate > critical
        cost_ax.set_ylim(bottom, top_diverging if above or result.diverged else top_converging)
        if result.diverged:
            cost_warning.set_text(f"diverged after {k} updates:\nlearning rate {learning_rate:.3g} "
                                  f"> critical {critical:.4f}")
        elif above:
            cost_warning.set_text(f"learning rate {learning_rate:.3g} > critical {critical:.4f}:\n"
                                  "the cost will blow up")
        cost_warning.set_visible(result.diverged or above)
        fit_warning.set_visible(result.diverged or above)

    return figure, update
