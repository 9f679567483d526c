"""The worked example's figure: the cost curve of one gradient descent run beside its fitted values.

Left, the cost J after each update on a log scale; right, each prediction ŷ against its target
y, with the diagonal ŷ = y that a perfect fit would sit on. The axes are fixed for the sliders'
whole range and every artist that moves is created once and animated (gdlib.plots.animate), so a
slider move draws only the run itself on a background drawn once.

A slider moves while it is dragged, so the run must take milliseconds: `descent_runner` gives
the iterates of gradient descent from the step factors of the Hessian at once, instead of one
update at a time as gdlib.gradient_descent does (tests check that both give the same run).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.legend import Legend
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator, NullLocator
from matplotlib.transforms import ScaledTranslation

from gdlib.curvature import critical_learning_rate, mse_hessian
from gdlib.descent import BLOW_UP_FACTOR, DescentResult
from gdlib.model import predict
from gdlib.plots import COLORS, LABEL_PT, SMALLEST_TEXT_PT, animate, new_figure, power_of_ten_label, warn_on_axes
from gdlib.validation import as_alpha, as_beta, as_X, as_Y, check_iterations, check_learning_rate

#: How many decades below the starting cost the cost axis reaches; it tops out two decades above
#: the start, so a diverging run leaves through the top (the warning on the plot says so).
DECADES_BELOW_START = 18
#: The most iterations the slider figure offers (the cost axis runs from 0 to this).
MAX_ITERATIONS = 5000
#: A residual segment shorter than this fraction of the fit axis hides under its dot; the legend
#: names the residuals only when one of them is longer.
VISIBLE_RESIDUAL = 0.02


def descent_runner(X, Y, alpha=None, beta=None) -> Callable[[float, int], DescentResult]:
    """A function run(learning_rate, iterations) -> DescentResult of batch gradient descent on the
    MSE from (alpha, beta), the run gdlib.gradient_descent makes, computed all at once.

    X: (m, n); Y: (m, 1); alpha (1, 1) and beta (1, n): the start (default zeros).
    With θ = (α, β₁, ..., βₙ), each update multiplies the distance to the least-squares θ*
    along an eigenvector of the Hessian H by that direction's step factor 1 − ηλ; so after k
    updates θₖ = θ* + V diag((1 − ηλ)ᵏ) Vᵀ (θ₀ − θ*). The run stops where gdlib.gradient_descent
    stops: at the first cost that is not finite or exceeds BLOW_UP_FACTOR times the start.
    The iterates agree with the one-update-at-a-time loop up to rounding.
    """
    X = as_X(X)
    m, n = X.shape
    Y = as_Y(Y, m)
    alpha = np.zeros((1, 1)) if alpha is None else as_alpha(alpha)
    beta = np.zeros((1, n)) if beta is None else as_beta(beta, n)
    A = np.hstack([np.ones((m, 1)), X])  # (m, n + 1)
    eigenvalues, V = np.linalg.eigh(mse_hessian(X))  # (n + 1,), (n + 1, n + 1)
    theta_star = np.linalg.lstsq(A, Y[:, 0], rcond=None)[0]  # (n + 1,)
    theta_0 = np.concatenate([alpha[0], beta[0]])  # (n + 1,)
    along = V.T @ (theta_0 - theta_star)  # the start's distance to θ* along each eigenvector

    def run(learning_rate: float, iterations: int) -> DescentResult:
        learning_rate = check_learning_rate(learning_rate)
        iterations = check_iterations(iterations)
        factors = np.vstack([np.ones(n + 1), np.broadcast_to(1.0 - learning_rate * eigenvalues,
                                                             (iterations, n + 1))])
        with np.errstate(over="ignore", invalid="ignore"):
            powers = np.cumprod(factors, axis=0)  # (k + 1, n + 1): (1 − ηλ)ᵏ
            thetas = theta_star + (powers * along) @ V.T  # (k + 1, n + 1)
            thetas[0] = theta_0
            costs = np.mean((Y[:, 0] - thetas @ A.T) ** 2, axis=1)  # (k + 1,)
            blown = ~np.isfinite(costs) | (costs > BLOW_UP_FACTOR * max(costs[0], np.finfo(float).tiny))
        stop = int(np.argmax(blown)) if blown.any() else iterations
        diverged = bool(blown.any()) and (stop > 0 or not np.isfinite(costs[stop]))
        thetas, costs = thetas[: stop + 1], costs[: stop + 1]
        return DescentResult(alpha=thetas[-1:, :1].copy(), beta=thetas[-1:, 1:].copy(), costs=costs.copy(),
                             alphas=thetas[:, 0].copy(), betas=thetas[:, 1:].copy(), diverged=diverged,
                             converged=False, learning_rate=learning_rate)

    return run


def label_decades(ax, every: int = 4) -> None:
    """Fixed ticks at every few powers of ten on ax's log-scale y axis, labelled 10⁻⁸ (no mathtext: fast)."""
    bottom, top = ax.get_ylim()
    low, high = int(np.ceil(np.log10(bottom))), int(np.floor(np.log10(top)))  # set_yticks would widen the view
    exponents = [e for e in range(low, high + 1) if e % every == 0]
    ax.set_yticks([10.0**e for e in exponents], [power_of_ten_label(10.0**e) for e in exponents])
    ax.yaxis.set_minor_locator(NullLocator())


def _detach_parts(legend: Legend) -> None:
    """Let an animated legend be drawn again at every move without a full redraw.

    A legend places its parts (frame, texts, handles) each time it is drawn, and each part would
    tell the axes that it changed, which marks the figure stale (gdlib.widgets then draws the
    whole background again). The legend itself is animated and drawn in full at every move, so
    its parts need not tell anyone.
    """
    for part in legend.findobj(include_self=False):
        part.stale_callback = None


def _short(value: float) -> str:
    """A parameter for a title: 4 decimals, or 3 significant digits once it has blown up."""
    text = f"{value:.4f}" if abs(value) < 1000 else f"{value:.3g}"
    return text.replace("-", "−")


def worked_example_view(X, Y, *, alpha=None, beta=None, max_iterations: int = MAX_ITERATIONS):
    """A figure of one gradient descent run (cost curve and fitted values), and the function that redraws it.

    X: (m, n) inputs; Y: (m, 1) targets; alpha (1, 1) and beta (1, n): the start (default zeros).
    max_iterations: the most iterations update accepts; the cost axis runs from 0 to it.
    Returns (figure, update) where update(learning_rate, iterations) runs gradient descent from
    the start (descent_runner) and redraws both panels. Above the critical learning rate, or when
    the run diverges, a message is written on the plot instead of raising or warning.
    """
    X = as_X(X)
    m, n = X.shape
    Y = as_Y(Y, m)
    alpha = np.zeros((1, 1)) if alpha is None else as_alpha(alpha)
    beta = np.zeros((1, n)) if beta is None else as_beta(beta, n)
    max_iterations = check_iterations(max_iterations)
    run = descent_runner(X, Y, alpha, beta)
    critical = critical_learning_rate(X)
    start = predict(X, alpha, beta)
    start_cost = float(np.mean((Y - start) ** 2))

    figure, (cost_ax, fit_ax) = new_figure(2, height=4.2, width=9.8)
    # The fit panel is square: its slot holds the square and the legend beside it, no gap.
    cost_ax.get_subplotspec().get_gridspec().set_width_ratios([1.0, 1.25])
    fit_ax.set_anchor("W")

    # Left: the cost after each update, on log axes fixed from far below the start to just above it.
    (cost_line,) = cost_ax.plot([], [], color=COLORS[0])
    (cost_end,) = cost_ax.plot([], [], "o", color=COLORS[0], markersize=5)
    cost_ax.set_yscale("log")
    cost_ax.set_ylim(start_cost * 10.0**-DECADES_BELOW_START, start_cost * 100)
    label_decades(cost_ax)
    cost_ax.set_xlim(0, max(max_iterations, 1))
    cost_ax.xaxis.set_major_locator(MaxNLocator(nbins=5, integer=True))
    cost_ax.set_xlabel("iteration k")
    cost_ax.set_ylabel("cost J (log scale)")
    cost_warning = warn_on_axes(cost_ax, "")
    cost_warning.set_fontsize(LABEL_PT)  # as the fit panel's: the longest fits inside the panel

    # Right: predictions against targets; the vertical segments are the residuals y − ŷ.
    low = float(np.floor(min(Y.min(), start.min()) - 1))
    high = float(np.ceil(max(Y.max(), start.max()) + 1))
    (diagonal,) = fit_ax.plot([low, high], [low, high], "--", color=COLORS[7], linewidth=1)
    residual_segments = LineCollection([], colors=COLORS[3], linewidths=2)
    fit_ax.add_collection(residual_segments)
    (started,) = fit_ax.plot(Y[:, 0], start[:, 0], "o", markerfacecolor="none", color=COLORS[1])
    (fitted,) = fit_ax.plot([], [], "o", color=COLORS[0])
    fit_ax.set_xlim(low, high)
    fit_ax.set_ylim(low, high)
    fit_ax.set_aspect("equal")
    fit_ax.xaxis.set_major_locator(MaxNLocator(nbins=6))
    fit_ax.yaxis.set_major_locator(MaxNLocator(nbins=6))
    fit_ax.set_xlabel("target y")
    fit_ax.set_ylabel("prediction ŷ")
    fit_warning = fit_ax.text(0.5, 0.5, "above the critical rate:\nthe fit will not settle",
                              transform=fit_ax.transAxes, ha="center", va="center", fontsize=LABEL_PT,
                              color=COLORS[3], fontweight="bold",
                              bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": COLORS[3]})

    # The legend beside the panel. The residuals' row is a legend of its own under it, drawn at
    # every move and only when a residual is long enough to see.
    # Both legends alike whatever the rcParams, so that their rows line up; no frame to hide the other.
    place = {"loc": "upper left", "frameon": False, "fontsize": SMALLEST_TEXT_PT}
    legend = fit_ax.legend([diagonal, started, fitted], ["ŷ = y (perfect fit)", "start", "end of the run"],
                           bbox_to_anchor=(1.03, 1.0), **place)
    residual_legend = Legend(fit_ax, [Line2D([], [], color=COLORS[3], linewidth=2)], ["residual y − ŷ"], **place)
    fit_ax.add_artist(residual_legend).set_clip_on(False)  # add_artist clips to the axes
    _detach_parts(residual_legend)
    # Its row starts one row gap below the last row of the legend: the legend's height (in points,
    # the same at any layout) less the padding of both legends, plus the gap.
    height = legend.get_window_extent(figure.canvas.get_renderer()).height * 72 / figure.dpi
    shift = height + (legend.labelspacing - 2 * legend.borderpad) * SMALLEST_TEXT_PT
    residual_legend.set_bbox_to_anchor(
        (1.03, 1.0), transform=fit_ax.transAxes + ScaledTranslation(0, -shift / 72, figure.dpi_scale_trans))
    animate(cost_line, cost_end, cost_ax.title, cost_warning, residual_segments, fitted, fit_ax.title,
            fit_warning, residual_legend)

    def update(learning_rate: float, iterations: int) -> None:
        if iterations > max_iterations:
            raise ValueError(f"iterations must be at most max_iterations = {max_iterations}, got {iterations!r}.")
        result = run(learning_rate, iterations)
        k = result.iterations_run
        costs = result.costs
        cost_line.set_data(np.arange(k + 1), costs)
        cost_end.set_data([k], [costs[-1]])
        cost_ax.title.set_text(f"learning rate {learning_rate:.3g} (critical {critical:.4f})\n"
                               f"J = {result.cost:.3g} after {k} updates")

        Y_hat = predict(X, result.alpha, result.beta)
        fitted.set_data(Y[:, 0], Y_hat[:, 0])
        residual_segments.set_segments([[(y, y), (y, y_hat)] for y, y_hat in zip(Y[:, 0], Y_hat[:, 0], strict=True)])
        weights = ", ".join(_short(weight) for weight in result.beta[0])
        fit_ax.title.set_text(f"end of the run: α = {_short(result.alpha[0, 0])}\nβ = [{weights}]")
        visible = bool(np.max(np.abs(Y - Y_hat)) > VISIBLE_RESIDUAL * (high - low))
        residual_legend.set_visible(visible)

        above = learning_rate > critical
        if result.diverged:
            cost_warning.set_text(f"diverged after {k} updates:\n{learning_rate:.3g} > critical {critical:.4f}")
        elif above:
            cost_warning.set_text(f"{learning_rate:.3g} > critical {critical:.4f}:\nthe cost will blow up")
        else:
            cost_warning.set_text("")
        cost_warning.set_visible(result.diverged or above)
        fit_warning.set_visible(result.diverged or above)

    return figure, update
