"""The opening figure of notebook 01: in one parameter, J is a parabola, the tangent gives its
slope, and one step of gradient descent goes downhill against that slope."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdlib.plots import COLORS, SMALLEST_TEXT_PT, new_figure
from gdlib.validation import check_positive

#: Points on the parabola: plenty for a smooth curve, few enough to draw at once.
CURVE_POINTS = 201


def constant_model_cost(targets, alpha: float) -> float:
    """J(α) = (1/m) Σᵢ (yᵢ − α)² when every prediction is the same number α.

    targets: (m,) or (m, 1), the yᵢ; alpha: a number. Returns a float.
    """
    return float(np.mean((np.ravel(targets) - alpha) ** 2))


def constant_model_slope(targets, alpha: float) -> float:
    """dJ/dα = −(2/m) Σᵢ (yᵢ − α), the slope of constant_model_cost at alpha (a float)."""
    return float(-2.0 * np.mean(np.ravel(targets) - alpha))


def _targets(targets) -> np.ndarray:
    """The targets as a flat float array; refuses empty or non-finite input."""
    values = np.ravel(np.asarray(targets, dtype=float))
    if values.size == 0 or not np.isfinite(values).all():
        raise ValueError(f"targets must be one or more finite numbers, got {values!r}.")
    return values


def one_step_downhill_figure(targets, alpha: float, learning_rate: float) -> Figure:
    """J(α) for the model that predicts α for every example, its tangent at alpha, and one step
    α − η dJ/dα of gradient descent to the next point on the parabola.

    targets: (m,) or (m, 1), the yᵢ; alpha: the current value (a number);
    learning_rate: η > 0. Returns a Figure. The lowest point (α = the mean of the targets) is
    marked with a star.
    """
    values = _targets(targets)
    learning_rate = check_positive(learning_rate, "learning_rate")
    here = float(alpha)
    slope = constant_model_slope(values, here)
    after = here - learning_rate * slope
    lowest = float(values.mean())
    left = min(here, after, lowest) - 1.5
    right = max(here, after, lowest) + 1.5
    alphas = np.linspace(left, right, CURVE_POINTS)
    costs = np.mean((values[:, np.newaxis] - alphas[np.newaxis, :]) ** 2, axis=0)
    cost_here, cost_after = constant_model_cost(values, here), constant_model_cost(values, after)

    figure, (ax,) = new_figure(height=3.6, width=7.5)
    ax.plot(alphas, costs, color=COLORS[0], linewidth=2, label=r"$J(\alpha)$, a parabola")
    span = 0.9
    tangent = np.array([here - span, here + span])
    ax.plot(tangent, cost_here + slope * (tangent - here), color=COLORS[3], linestyle="--",
            linewidth=2, label=rf"tangent at $\alpha$ = {here:g} ($J$ = {cost_here:.2f}): "
                               rf"slope {slope:.2f}".replace("-", "−"))
    ax.plot([here], [cost_here], "o", color=COLORS[3], markersize=8)
    ax.plot([after], [cost_after], "o", color=COLORS[2], markersize=8,
            label=rf"after one step: $\alpha$ = {after:.2f}, $J$ = {cost_after:.2f}")
    ax.plot([lowest], [constant_model_cost(values, lowest)], "*", color=COLORS[7],
            markersize=13, label=rf"lowest point: $\alpha$ = {lowest:g}")
    floor = 0.08 * costs.max()
    ax.annotate("", xy=(after, floor), xytext=(here, floor),
                arrowprops={"arrowstyle": "->", "color": COLORS[2], "linewidth": 2})
    for where, cost in ((here, cost_here), (after, cost_after)):
        ax.plot([where, where], [floor, cost], color="0.5", linestyle=":", linewidth=1)
    ax.text((here + after) / 2, floor * 1.6, rf"step $-\eta\, dJ/d\alpha$ = {after - here:+.2f}",
            ha="center", va="bottom", color=COLORS[2], fontsize=SMALLEST_TEXT_PT,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0})  # over the dotted drop lines
    ax.set_xlim(left, right)
    ax.set_ylim(0.0, 1.05 * costs.max())
    ax.set_xlabel(r"the one parameter $\alpha$ (the prediction for every example)")
    ax.set_ylabel(r"cost $J$")
    ax.set_title(rf"One step downhill: $\alpha \leftarrow \alpha - \eta\, dJ/d\alpha$"
                 rf" with $\eta$ = {learning_rate:g}")
    ax.legend(loc="upper right")
    return figure
