"""The MSE landscape of a one-feature model: J over (alpha, beta), descent paths on it, its curvature.

For the linear model J is a quadratic in theta = (alpha, beta). Around its minimum theta* it is,
exactly (the Taylor series of a quadratic stops at the second term, and the gradient is 0 at theta*),

    J(theta) = J_min + 1/2 (theta - theta*)^T H (theta - theta*),   H = (2/m) A^T A,  A = [1 | X],

so its contours are ellipses whose axes are the eigenvectors of H. A run of gradient descent
multiplies the component along the eigenvector of eigenvalue lambda of the distance to the
minimum, Delta theta = theta - theta*, by (1 - learning_rate * lambda) at every step, which is
what the figures below show.

The building blocks (cost_grid, draw_cost_contours, draw_parameter_path, draw_eigenvectors) take
any one-feature problem and any window; the figures of notebook 03 are built from them.
"""

from __future__ import annotations

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.transforms import ScaledTranslation

from gdlib.curvature import critical_learning_rate, mse_hessian
from gdlib.descent import gradient_descent
from gdlib.lessons.learning_rate import hessian_eigen
from gdlib.mse import least_squares, mse_cost
from gdlib.plots import COLORS, SMALLEST_TEXT_PT, animate, new_figure, plain_log_axis, warn_on_axes
from gdlib.validation import as_X, as_Y, check_iterations, check_learning_rate

__all__ = [
    "ParameterPath",
    "contour_levels",
    "cost_grid",
    "cost_minimum",
    "draw_cost_contours",
    "draw_eigenvectors",
    "draw_excess_cost",
    "draw_parameter_path",
    "hessian_eigen",
    "hessian_figure",
    "landscape_view",
    "regime_label",
    "regimes_cost_figure",
    "regimes_figure",
    "step_factor_figure",
]

#: Colours of the runs compared side by side (the palette without the blue of the contours).
_RUN_COLORS = [COLORS[1], COLORS[2], COLORS[3], COLORS[4], COLORS[7]]

#: Excess costs J - J_min below this are not drawn: they are rounding noise of J itself.
EXCESS_FLOOR = 1e-12


def _one_feature(X, Y) -> tuple[np.ndarray, np.ndarray]:
    """Validate X (m, 1) and Y (m, 1) of a one-feature problem."""
    X = as_X(X)
    if X.shape[1] != 1:
        raise ValueError(f"X must have exactly one feature (shape (m, 1)) to draw J over (alpha, beta), "
                         f"got shape {X.shape}.")
    return X, as_Y(Y, X.shape[0])


def _limits(limits, name: str) -> tuple[float, float]:
    """A (low, high) pair of finite numbers with low < high."""
    try:
        low, high = (float(value) for value in limits)
    except (TypeError, ValueError):
        raise TypeError(f"{name} must be a pair (low, high) of numbers, got {limits!r}.") from None
    if not (np.isfinite(low) and np.isfinite(high) and low < high):
        raise ValueError(f"{name} must be a pair (low, high) of finite numbers with low < high, got {limits!r}.")
    return low, high


def cost_minimum(X, Y) -> tuple[np.ndarray, np.ndarray, float]:
    """The bottom of the bowl, by least squares on A = [1 | X].

    X: (m, n); Y: (m, 1). Returns (alpha* (1, 1), beta* (1, n), J_min float).
    """
    alpha, beta = least_squares(X, Y)
    return alpha, beta, mse_cost(X, Y, alpha, beta)


def cost_grid(X, Y, alpha_limits, beta_limits, *, points: int = 101):
    """J on a regular grid over (alpha, beta) for a one-feature problem.

    X: (m, 1); Y: (m, 1). alpha_limits, beta_limits: (low, high). points: grid points per axis.
    Returns (alpha_values (points,), beta_values (points,), costs (points, points)) with
    costs[i, j] = J(alpha_values[j], beta_values[i]), the layout matplotlib's contour expects.
    It uses J = J_min + 1/2 d^T H d (exact for the MSE of the linear model), so the excess over
    J_min keeps its precision even on a fine grid far from the data's scale.
    """
    X, Y = _one_feature(X, Y)
    alpha_low, alpha_high = _limits(alpha_limits, "alpha_limits")
    beta_low, beta_high = _limits(beta_limits, "beta_limits")
    points = check_iterations(points, "points")
    if points < 2:
        raise ValueError(f"points must be at least 2, got {points}.")
    alpha_star, beta_star, cost_min = cost_minimum(X, Y)
    H = mse_hessian(X)
    alpha_values = np.linspace(alpha_low, alpha_high, points)
    beta_values = np.linspace(beta_low, beta_high, points)
    d_alpha = alpha_values[np.newaxis, :] - alpha_star[0, 0]
    d_beta = beta_values[:, np.newaxis] - beta_star[0, 0]
    excess = 0.5 * (H[0, 0] * d_alpha**2 + 2.0 * H[0, 1] * d_alpha * d_beta + H[1, 1] * d_beta**2)
    return alpha_values, beta_values, cost_min + excess


def contour_levels(cost_min: float, cost_max: float, count: int = 10) -> np.ndarray:
    """count levels between cost_min and cost_max, spaced geometrically in J - J_min.

    Near the bottom of a bowl the excess J - J_min grows like the squared distance, so levels
    spaced by a constant factor show the narrow valley and the steep walls at once.
    Returns an increasing array (count,).
    """
    span = cost_max - cost_min
    if not span > 0:
        raise ValueError(f"cost_max must exceed cost_min, got {cost_min!r} and {cost_max!r}.")
    return cost_min + span * np.geomspace(1e-3, 1.0, count)


def draw_cost_contours(ax, X, Y, alpha_limits, beta_limits, *, points: int = 101, levels: int = 10,
                       filled: bool = True, mark_minimum: bool = True):
    """Draw the contours of J over (alpha, beta) for a one-feature problem on ax.

    X: (m, 1); Y: (m, 1). alpha_limits, beta_limits: (low, high), the window (fixed on ax).
    levels: how many contour levels (geometric in J - J_min). filled: shade between levels.
    mark_minimum: put a star at the least-squares minimum.
    Returns the matplotlib ContourSet of the lines. Axis labels are set; the aspect is left to
    the caller (ax.set_aspect("equal") shows the true shape of the bowl when alpha and beta
    have similar ranges).
    """
    alpha_values, beta_values, costs = cost_grid(X, Y, alpha_limits, beta_limits, points=points)
    alpha_star, beta_star, cost_min = cost_minimum(X, Y)
    level_values = contour_levels(cost_min, float(costs.max()), levels)
    if filled:
        ax.contourf(alpha_values, beta_values, costs, levels=np.concatenate([[cost_min], level_values]),
                    cmap="Blues_r", alpha=0.55)
    lines = ax.contour(alpha_values, beta_values, costs, levels=level_values, colors=COLORS[0], linewidths=0.7)
    if mark_minimum:
        ax.plot(alpha_star[0, 0], beta_star[0, 0], marker="*", markersize=12, color=COLORS[7], linestyle="none",
                label="minimum")
    ax.set_xlim(alpha_limits)
    ax.set_ylim(beta_limits)
    ax.set_xlabel("bias α")
    ax.set_ylabel("weight β")
    ax.grid(False)
    return lines


class ParameterPath:
    """The artists of one descent path on a contour plot: the path with its steps, and its start.

    Create it with draw_parameter_path; move it with set_data (no new artists, so it is fast).
    """

    def __init__(self, line, start):
        self.line, self.start = line, start

    def set_data(self, alphas, betas) -> None:
        """alphas (k + 1,), betas (k + 1,) or (k + 1, 1): the parameters at the start and after each
        update. Non-finite points (a blown-up run) are dropped."""
        alphas = np.asarray(alphas, dtype=float).reshape(-1)
        betas = np.asarray(betas, dtype=float).reshape(-1)
        if alphas.shape != betas.shape:
            raise ValueError(f"alphas and betas must hold one value per point, got shapes {alphas.shape} "
                             f"and {betas.shape}.")
        finite = np.isfinite(alphas) & np.isfinite(betas)
        self.line.set_data(alphas[finite], betas[finite])
        self.start.set_data(alphas[:1], betas[:1])


def draw_parameter_path(ax, alphas, betas, *, color: str = COLORS[3], label: str | None = "descent path",
                        markersize: float = 3.0) -> ParameterPath:
    """Draw a descent path over (alpha, beta): a line through every iterate, a circle at the start.

    alphas: (k + 1,) the bias at the start and after each update (DescentResult.alphas).
    betas: (k + 1,) or (k + 1, 1) the weight likewise (DescentResult.betas).
    Returns a ParameterPath, whose set_data redraws the path in place.
    """
    (line,) = ax.plot([], [], color=color, linewidth=1.2, marker="o", markersize=markersize, label=label)
    (start,) = ax.plot([], [], color=color, marker="o", markersize=8, markerfacecolor="white",
                       markeredgewidth=2, linestyle="none", label="start" if label else None)
    path = ParameterPath(line, start)
    path.set_data(alphas, betas)
    return path


def draw_eigenvectors(ax, X, Y, *, excess: float, color: str = COLORS[7], labels: bool = True) -> list:
    """Arrows from the minimum along both eigenvectors of H, ending on the contour J = J_min + excess.

    X: (m, 1); Y: (m, 1). excess: > 0, the height above J_min of the contour drawn (dashed).
    Along the unit eigenvector v of eigenvalue lambda, J = J_min + 1/2 lambda t^2, so that contour
    is reached at t = sqrt(2 excess / lambda): the flat direction gets the long arrow.
    Returns the list of artists drawn.
    """
    X, Y = _one_feature(X, Y)
    if not (np.isfinite(excess) and excess > 0):
        raise ValueError(f"excess must be a finite number > 0, got {excess!r}.")
    alpha_star, beta_star, cost_min = cost_minimum(X, Y)
    center = np.array([alpha_star[0, 0], beta_star[0, 0]])
    eigenvalues, eigenvectors = hessian_eigen(X)
    artists = []
    for eigenvalue, vector, name in zip(eigenvalues, eigenvectors.T, ("flat", "steep"), strict=True):
        tip = center + np.sqrt(2.0 * excess / eigenvalue) * vector
        artists.append(ax.annotate("", xy=tip, xytext=center,
                                   arrowprops={"arrowstyle": "-|>", "color": color, "linewidth": 1.6}))
        if labels:
            artists.append(ax.annotate(f"{name}: λ = {eigenvalue:.3g}", xy=tip, xytext=(4, 4),
                                       textcoords="offset points", fontsize=SMALLEST_TEXT_PT, color=color,
                                       bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none", "pad": 1}))
    # The ellipse J = J_min + excess, a small grid around it is enough.
    reach = np.sqrt(2.0 * excess / eigenvalues[0]) * 1.05
    alpha_values, beta_values, costs = cost_grid(X, Y, (center[0] - reach, center[0] + reach),
                                                 (center[1] - reach, center[1] + reach), points=121)
    artists.append(ax.contour(alpha_values, beta_values, costs, levels=[cost_min + excess], colors=color,
                              linewidths=1.0, linestyles="dashed"))
    return artists


def draw_excess_cost(ax, costs, cost_min: float, *, color: str | None = None, label: str | None = None):
    """Draw J - J_min against the iteration k on a log scale; returns the Line2D.

    costs: (k + 1,) DescentResult.costs. cost_min: J at the minimum.
    On a log scale a steady shrink by a factor per step is a straight line. Values below
    EXCESS_FLOOR (rounding noise) and non-finite values are not drawn.
    """
    (line,) = ax.plot([], [], color=color, label=label)
    _set_excess(line, costs, cost_min)
    ax.set_yscale("log")
    # A few labelled decades and no minor ticks: the curves span many decades, and each tick
    # costs drawing time when a slider moves.
    plain_log_axis(ax.yaxis)
    ax.set_xlabel("iteration k")
    ax.set_ylabel("J − J_min")
    return line


def _set_excess(line, costs, cost_min: float) -> None:
    costs = np.asarray(costs, dtype=float)
    iterations = np.arange(costs.size)
    excess = costs - cost_min
    shown = np.isfinite(excess) & (excess > EXCESS_FLOOR)
    line.set_data(iterations[shown], excess[shown])


def _error_bound(costs, cost_min: float, factor: float, top: float) -> tuple[np.ndarray, np.ndarray]:
    """The curve q^(2k) (J_0 - J_min), q = factor, for k = 0..len(costs) - 1, cut at top (in log space, no overflow)."""
    k = np.arange(len(costs))
    start = float(costs[0]) - cost_min
    if not (start > EXCESS_FLOOR and factor > 0):
        return k[:0], k[:0].astype(float)
    log_bound = np.log10(start) + 2.0 * k * np.log10(factor)
    shown = (log_bound <= np.log10(top)) & (log_bound >= np.log10(EXCESS_FLOOR))
    return k[shown], 10.0 ** log_bound[shown]


def regime_label(learning_rate: float, largest_eigenvalue: float) -> str:
    """Name the regime of a learning rate from the steepest direction's step factor 1 - lr * lambda_max.

    learning_rate, largest_eigenvalue: numbers > 0. Returns one of "too small" (lr * lambda_max
    < 0.5: even the steepest direction keeps over half of its error per step), "good" (0.5 to 1:
    no oscillation), "oscillating" (1 to 2: the sign flips, the size shrinks), "on the edge"
    (exactly 2), "diverging" (above 2).
    """
    product = check_learning_rate(learning_rate) * largest_eigenvalue
    if np.isclose(product, 2.0, rtol=1e-9, atol=0.0):
        return "on the edge"
    if product > 2.0:
        return "diverging"
    if product > 1.0:
        return "oscillating"
    return "good" if product >= 0.5 else "too small"


def hessian_figure(X, Y, alpha_limits, beta_limits, *, excess: float | None = None):
    """Two panels: the contours with the eigenvectors of H, and J along each eigenvector.

    X: (m, 1); Y: (m, 1). alpha_limits, beta_limits: the window of the contour panel.
    excess: the height above J_min of the dashed contour the arrows end on (default: one that
    fits the window). Along each unit eigenvector v, J(theta* + t v) is computed with mse_cost
    (dots) and drawn beside the parabola J_min + 1/2 lambda t^2 (line). Returns the Figure.
    """
    X, Y = _one_feature(X, Y)
    alpha_limits, beta_limits = _limits(alpha_limits, "alpha_limits"), _limits(beta_limits, "beta_limits")
    eigenvalues, eigenvectors = hessian_eigen(X)
    alpha_star, beta_star, cost_min = cost_minimum(X, Y)
    if excess is None:
        half_width = 0.4 * min(alpha_limits[1] - alpha_limits[0], beta_limits[1] - beta_limits[0])
        excess = 0.5 * eigenvalues[0] * half_width**2
    figure, (ax_contours, ax_slices) = new_figure(2, height=4.2, width=10.0)
    draw_cost_contours(ax_contours, X, Y, alpha_limits, beta_limits)
    draw_eigenvectors(ax_contours, X, Y, excess=excess)
    ax_contours.set_aspect("equal")
    ax_contours.set_title("contours of J and\nthe eigenvectors of H")

    reach = np.sqrt(2.0 * excess / eigenvalues[0])
    t = np.linspace(-1.25 * reach, 1.25 * reach, 201)
    for eigenvalue, vector, name, color in zip(eigenvalues, eigenvectors.T, ("flat", "steep"),
                                               (COLORS[2], COLORS[1]), strict=True):
        shown = min(reach, np.sqrt(2.0 * 1.9 * excess / eigenvalue))  # where the parabola is in the panel
        t_dots = np.linspace(-shown, shown, 11)
        dots = [mse_cost(X, Y, alpha_star[0, 0] + s * vector[0], [[beta_star[0, 0] + s * vector[1]]])
                for s in t_dots]
        # The name alone (the arrows on the left give λ): a longer label would reach the steep arm.
        ax_slices.plot(t, cost_min + 0.5 * eigenvalue * t**2, color=color, label=name)
        ax_slices.plot(t_dots, dots, linestyle="none", marker="o", markersize=4, color=color)
    ax_slices.set_xlim(t[0], t[-1])
    ax_slices.set_ylim(cost_min - 0.05 * excess, cost_min + 2.0 * excess)
    ax_slices.set_xlabel("distance t from θ* along the eigenvector")
    ax_slices.set_ylabel("cost J")
    ax_slices.set_title("J along each eigenvector\n(dots: mse_cost; lines: J_min + ½ λ t²)")
    # Upper right: above the flat parabola and right of the steep one's arm, clear of every curve.
    ax_slices.legend(loc="upper right", fontsize=SMALLEST_TEXT_PT)
    return figure


def regimes_figure(X, Y, learning_rates: dict[str, float], iterations: int, alpha, beta, alpha_limits,
                   beta_limits):
    """Side by side on a 2 x 2 grid: the descent path of each learning rate on the contours of J.

    X: (m, 1); Y: (m, 1). learning_rates: title -> learning rate (four read best).
    iterations: updates per run. alpha (1, 1), beta (1, 1): the common start.
    alpha_limits, beta_limits: the window of every panel (a path leaving it is cut at its edge).
    Returns (figure, {title: DescentResult}); regimes_cost_figure draws the runs' cost curves.
    """
    X, Y = _one_feature(X, Y)
    alpha_limits, beta_limits = _limits(alpha_limits, "alpha_limits"), _limits(beta_limits, "beta_limits")
    if not learning_rates:
        raise ValueError("learning_rates must name at least one learning rate, got none.")
    critical = critical_learning_rate(X)
    columns = min(len(learning_rates), 2)
    rows = -(-len(learning_rates) // columns)
    figure, axes = new_figure(columns, nrows=rows, height=3.9 * rows)
    results = {}
    for ax, (title, learning_rate), color in zip(axes, learning_rates.items(), _RUN_COLORS, strict=False):
        result = gradient_descent(X, Y, learning_rate, iterations, alpha, beta)
        results[title] = result
        draw_cost_contours(ax, X, Y, alpha_limits, beta_limits, levels=8)
        draw_parameter_path(ax, result.alphas, result.betas, color=color, label=None, markersize=2.5)
        ax.set_aspect("equal")
        # Two lines: on one, the title is wider than its (equal-aspect) panel.
        ax.set_title(f"{title}\nη = {learning_rate:.3g} = {learning_rate / critical:.2f} × 2/λmax")
        if result.diverged:
            warn_on_axes(ax, f"diverged after {result.iterations_run} steps")
    for ax in axes[len(learning_rates):]:
        ax.set_visible(False)
    for ax in axes[1:]:  # one window for all: label only the outer axes (fewer labels, quicker to draw)
        ax.sharex(axes[0])
        ax.sharey(axes[0])
    for ax in axes:
        ax.label_outer()
    return figure, results


def regimes_cost_figure(X, Y, results: dict):
    """The cost curves J - J_min of several runs in one panel, to compare their speeds.

    X: (m, 1); Y: (m, 1): the problem the runs solved. results: title -> DescentResult.
    The colours follow regimes_figure's panels. Each run is drawn with the bound
    q^(2k) (J_0 - J_min), q = max |1 - lr * lambda| (the convergence factor), dotted in the same
    colour. Returns the Figure.
    """
    X, Y = _one_feature(X, Y)
    if not results:
        raise ValueError("results must hold at least one run, got none.")
    _, _, cost_min = cost_minimum(X, Y)
    eigenvalues, _ = hessian_eigen(X)
    figure, (ax,) = new_figure(height=3.6, width=10.0)
    longest = 1
    for (title, result), color in zip(results.items(), _RUN_COLORS, strict=False):
        factor = float(np.abs(1.0 - result.learning_rate * eigenvalues).max())
        draw_excess_cost(ax, result.costs, cost_min, color=color, label=f"{title} (q = {factor:.3f})")
        ax.plot(*_error_bound(result.costs, cost_min, factor, top=1e12), color=color, linestyle="dotted",
                linewidth=1.2)
        longest = max(longest, result.iterations_run)
    ax.set_xlim(0, longest)
    ax.set_ylim(1e-6, 1e10)
    ax.set_title("J − J_min of each run (dotted: the bound q^(2k) (J₀ − J_min))")
    # Beside the axes: inside, the legend would cover a curve (the diverging one climbs through the
    # upper left, the converging ones fall through the lower right).
    figure.legend(*ax.get_legend_handles_labels(), loc="outside right center", fontsize=SMALLEST_TEXT_PT)
    return figure


def step_factor_figure(X, learning_rates: dict[str, float] | None = None, *, largest_fraction: float = 1.3):
    """The step factors |1 - lr * lambda| of the flattest and the steepest direction against lr.

    X: (m, n). learning_rates: title -> learning rate, marked by dots on the larger factor.
    largest_fraction: the axis runs from 0 to this multiple of the critical rate 2/lambda_max.
    Lines mark 1/lambda_max, the best rate 2/(lambda_min + lambda_max) and the critical rate; the run
    converges where both factors are below 1. Returns the Figure.
    """
    eigenvalues, _ = hessian_eigen(X)
    smallest, largest = eigenvalues[0], eigenvalues[-1]
    critical = 2.0 / largest
    rates = np.linspace(0.0, largest_fraction * critical, 400)
    figure, (ax,) = new_figure(height=3.8, width=10.0)
    ax.plot(rates, np.abs(1 - rates * smallest), color=COLORS[2], label=f"flat: |1 − η·{smallest:.3g}|")
    ax.plot(rates, np.abs(1 - rates * largest), color=COLORS[1], label=f"steep: |1 − η·{largest:.3g}|")
    ax.axhline(1.0, color=COLORS[7], linewidth=0.8)
    # Each rate's name beside its line, above the line y = 1: no curve goes there left of the
    # critical rate, and just right of it the steep factor is still close to 1, under the label.
    # 2/(lambda_min + lambda_max) sits just left of 2/lambda_max, so its name goes on the left of
    # its line, lower, and the others' on the right.
    best = 2 / (smallest + largest)
    for rate, text, style, side, height in ((1 / largest, "1/λmax", "dashed", "left", 1.38),
                                            (best, "2/(λmin+λmax)", "dotted", "right", 1.14),
                                            (critical, "2/λmax", "solid", "left", 1.38)):
        ax.axvline(rate, color=COLORS[7], linestyle=style, linewidth=1.0)
        ax.annotate(text, xy=(rate, height), xytext=(4 if side == "left" else -4, 0), textcoords="offset points",
                    ha=side, va="center", fontsize=SMALLEST_TEXT_PT)
    for (title, rate), color in zip((learning_rates or {}).items(), _RUN_COLORS, strict=False):
        factor = max(abs(1 - rate * smallest), abs(1 - rate * largest))
        ax.plot(rate, factor, marker="o", color=color, linestyle="none", label=f"{title}: q = {factor:.3f}")
    ax.axvspan(critical, rates[-1], color=COLORS[3], alpha=0.1)
    ax.set_xlim(0, rates[-1])
    ax.set_ylim(0, 1.5)
    ax.set_xlabel("learning rate η")
    ax.set_ylabel("|step factor| per iteration")
    ax.set_title("how much of Δθ each step keeps, per direction (shaded: diverges)")
    # Beside the axes: inside, the legend would cover the curves wherever it went.
    figure.legend(*ax.get_legend_handles_labels(), loc="outside right center", fontsize=SMALLEST_TEXT_PT)
    return figure


def _below_axes(ax, *, ncols: int, depth: float = 44.0) -> dict:
    """Keyword arguments of ax.legend that put it under ax's x label, centred on ax, its top
    depth points below the axes' bottom edge.

    Inside the axes the legend would be under the moving artists of a slider figure wherever it
    went (they are drawn on top of the background it belongs to). Constrained layout makes room
    for it, as for any legend of ax.
    """
    below = ax.transAxes + ScaledTranslation(0.0, -depth / 72.0, ax.figure.dpi_scale_trans)
    return {"loc": "upper center", "bbox_to_anchor": (0.5, 0.0), "bbox_transform": below, "ncols": ncols,
            "fontsize": SMALLEST_TEXT_PT, "handlelength": 1.6, "columnspacing": 1.2}


def landscape_view(X, Y, alpha_limits, beta_limits, *, max_iterations: int = 300):
    """The slider figure of notebook 03: a descent path on the contours of J, and its cost curve.

    X: (m, 1); Y: (m, 1). alpha_limits, beta_limits: the fixed window of the contour panel.
    max_iterations: the most iterations the slider allows; the cost panel's axis is fixed at
    0..max_iterations, so the curve grows and shrinks in place while the slider is dragged.
    Returns (figure, update) where update(learning_rate, iterations, start_alpha, start_beta)
    runs gradient descent from (start_alpha, start_beta) and moves the path and the cost curves
    in place. The contours, the eigenvectors, the legends and the axis limits are drawn once (the
    legends sit under the panels, where the moving curves never go). Above the critical rate a
    message on the plot says that the run diverges (or has diverged, when gradient_descent
    stopped it), since its path leaves the window.
    """
    X, Y = _one_feature(X, Y)
    alpha_limits, beta_limits = _limits(alpha_limits, "alpha_limits"), _limits(beta_limits, "beta_limits")
    eigenvalues, _ = hessian_eigen(X)
    critical = critical_learning_rate(X)
    _, _, cost_min = cost_minimum(X, Y)
    top = 1e10

    figure, (ax_path, ax_cost) = new_figure(2, height=4.9, width=10.0)
    draw_cost_contours(ax_path, X, Y, alpha_limits, beta_limits)
    half_width = 0.3 * min(alpha_limits[1] - alpha_limits[0], beta_limits[1] - beta_limits[0])
    # The arrows without their λ labels (the slider's header gives λmin and λmax): the warning
    # below would cover them, and the moving path would run over them.
    draw_eigenvectors(ax_path, X, Y, excess=0.5 * eigenvalues[0] * half_width**2, labels=False)
    ax_path.set_aspect("equal")
    path = draw_parameter_path(ax_path, [], [])
    # Both titles have two lines at every setting: the layout is solved once, for the first one.
    animate(path.line, path.start, ax_path.title, ax_cost.title)
    handles, labels = ax_path.get_legend_handles_labels()
    arrows = Line2D([], [], color=COLORS[7], linewidth=1.6, marker=">", markersize=6, markevery=[-1])
    ax_path.legend(handles + [arrows], labels + ["eigenvectors of H"], **_below_axes(ax_path, ncols=2))
    # Near the top, where the window shows only contours: the path's start and its zigzag, in the
    # middle and lower part for the lesson's starts, stay visible around it.
    (warning,) = animate(warn_on_axes(ax_path, ""))
    warning.set_position((0.5, 0.8))

    cost_line = draw_excess_cost(ax_cost, [], cost_min, color=COLORS[3], label="J − J_min of the run")
    (bound_line,) = ax_cost.plot([], [], color=COLORS[7], linestyle="dotted", linewidth=1.2,
                                 label="bound q^(2k) (J₀ − J_min)")
    animate(cost_line, bound_line)
    ax_cost.set_xlim(0, max_iterations)
    ax_cost.set_ylim(EXCESS_FLOOR * 1e4, top)
    ax_cost.legend(**_below_axes(ax_cost, ncols=1))

    def update(learning_rate: float, iterations: int, start_alpha: float, start_beta: float) -> None:
        result = gradient_descent(X, Y, learning_rate, iterations, start_alpha, [[start_beta]])
        path.set_data(result.alphas, result.betas)
        _set_excess(cost_line, result.costs, cost_min)
        factors = 1.0 - learning_rate * eigenvalues
        factor = float(np.abs(factors).max())
        bound_line.set_data(*_error_bound(result.costs, cost_min, factor, top))
        ax_path.title.set_text(f"η = {learning_rate:.3g} = {learning_rate / critical:.2f} × 2/λmax\n"
                               f"regime: {regime_label(learning_rate, eigenvalues[-1])}")
        ax_cost.title.set_text(f"step factors 1 − ηλ:\nflat {_signed(factors[0])}, steep {_signed(factors[-1])}")
        warning.set_visible(learning_rate > critical)
        warning.set_text("")
        if result.diverged:
            warning.set_text(f"diverged after {result.iterations_run} iterations:\n"
                             f"η is above the critical {critical:.3g},\nthe path left the plot")
        elif learning_rate > critical:
            warning.set_text(f"η is above the critical {critical:.3g}:\nΔθ along the steep axis\n"
                             f"grows {abs(factors[-1]):.3g}× per step")

    return figure, update


def _signed(value: float) -> str:
    """value with 3 decimals and its sign, the minus a true minus sign (−0.780, +0.904)."""
    return f"{value:+.3f}".replace("-", "−")
