"""The figure of notebook 01: the cost along alpha is a parabola, and dJ/dalpha is its slope."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from gdlib.mse import mse_cost
from gdlib.plots import COLORS, new_figure
from gdlib.validation import as_parameters, as_Y

#: Points on the parabola: plenty for a smooth curve, few enough to draw at once.
CURVE_POINTS = 201


def _one_number(value, name: str) -> float:
    """A number, or an array holding exactly one number such as a (1, 1) gradient -> float."""
    array = np.asarray(value, dtype=float)
    if array.size != 1 or not np.isfinite(array).all():
        raise ValueError(f"{name} must be one finite number or a (1, 1) array, got an array of shape {array.shape}.")
    return float(array.reshape(()))


def cost_along_alpha_figure(X, Y, alpha, beta, d_alpha) -> Figure:
    """J as a function of the bias alone (beta held fixed), with the tangent of slope d_alpha at alpha.

    X: (m, n); Y: (m, 1) or (m,); alpha: (1, 1) or a number; beta: (1, n) or (n,).
    d_alpha: (1, 1) or a number, the slope to draw at alpha (the derived dJ/dalpha).
    Returns a Figure. If d_alpha is the true derivative, the tangent touches the parabola at
    alpha without crossing it. The parabola's lowest point is marked: J is a quadratic in
    alpha with second derivative 2, so its minimum lies at alpha - (dJ/dalpha) / 2.
    """
    X, alpha, beta = as_parameters(X, alpha, beta)
    Y = as_Y(Y, X.shape[0])
    slope = _one_number(d_alpha, "d_alpha")
    here = float(alpha[0, 0])
    lowest = here - slope / 2.0
    half_width = max(2.0, 2.0 * abs(here - lowest))
    alphas = np.linspace(lowest - half_width, lowest + half_width, CURVE_POINTS)
    # J(alpha') = mean((r + alpha - alpha')^2), where r = Y - Y_hat at the current alpha.
    residual = Y - (alpha + X @ beta.T)
    costs = np.mean((residual + here - alphas[np.newaxis, :]) ** 2, axis=0)
    cost_here = mse_cost(X, Y, alpha, beta)

    figure, (ax,) = new_figure(height=3.4, width=7.0)
    ax.plot(alphas, costs, color=COLORS[0], label=r"$J(\alpha)$ with $\beta$ fixed")
    span = half_width / 2.0
    tangent = np.array([here - span, here + span])
    ax.plot(tangent, cost_here + slope * (tangent - here), color=COLORS[3], linestyle="--",
            label=rf"tangent at $\alpha$ = {here:.2f}: slope $\partial J/\partial\alpha$ = {slope:.4f}")
    ax.plot([here], [cost_here], "o", color=COLORS[3])
    ax.plot([lowest], [mse_cost(X, Y, lowest, beta)], "s", color=COLORS[2],
            label=rf"lowest point, $\alpha$ = {lowest:.2f}")
    ax.set_xlim(alphas[0], alphas[-1])
    ax.set_ylim(0.0, 1.1 * costs.max())
    ax.set_xlabel(r"bias $\alpha$")
    ax.set_ylabel(r"cost $J$")
    ax.set_title(r"The cost along $\alpha$ is a parabola; $\partial J/\partial\alpha$ is its slope")
    ax.legend(loc="upper center")
    return figure
