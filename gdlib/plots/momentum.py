"""Figures of notebook 10 (momentum): paths in a narrow valley, the slider figure, and the map
of the convergence factor q over the learning rate and the momentum."""

from __future__ import annotations

import numpy as np

from gdlib.curvature import mse_hessian
from gdlib.lessons.momentum import iterations_to_tolerance
from gdlib.mse import least_squares, mse_cost
from gdlib.plots import COLORS, new_figure, plain_log_axis, warn_on_axes
from gdlib.stochastic import StochasticResult, minibatch_gradient_descent
from gdlib.validation import as_X, as_Y


def _centred_pair(X, Y) -> tuple[np.ndarray, np.ndarray]:
    """Validate X as two centred features (m, 2) and Y (m, 1)."""
    X = as_X(X)
    Y = as_Y(Y, X.shape[0])
    if X.shape[1] != 2 or not np.allclose(X.mean(axis=0), 0.0, atol=1e-9 * np.abs(X).max()):
        raise ValueError(f"X must hold two centred features (X - X.mean(axis=0)), got shape {X.shape} "
                         f"with column means {X.mean(axis=0)}.")
    return X, Y


def _draw_valley(ax_paths, ax_costs, X, Y, framed_betas: np.ndarray, feature_names: tuple[str, str],
                 tolerance: float) -> float:
    """Contours of J(alpha*, beta) around framed_betas (k, 2), the minimum, and the labels of both
    panels; returns J*. The cost panel shows (J - J*) / (J_0 - J*) on a log scale."""
    alpha_star, beta_star = least_squares(X, Y)
    optimum_cost = mse_cost(X, Y, alpha_star, beta_star)
    betas = np.vstack([framed_betas, beta_star])
    low, high = betas.min(axis=0), betas.max(axis=0)
    pad = 0.1 * (high - low)
    grid_1 = np.linspace(low[0] - pad[0], high[0] + pad[0], 160)
    grid_2 = np.linspace(low[1] - pad[1], high[1] + 4 * pad[1], 160)  # room for the legend on top
    B1, B2 = np.meshgrid(grid_1, grid_2)
    # J is quadratic: J(alpha*, beta) = J* + d (H_beta / 2) d^T with d = beta - beta*, H_beta the
    # beta block of the Hessian (exact for the MSE of a linear model; alpha* is the same for every
    # beta because the features are centred).
    half_hessian = mse_hessian(X)[1:, 1:] / 2.0
    d = np.stack([B1 - beta_star[0, 0], B2 - beta_star[0, 1]], axis=-1)
    J = optimum_cost + np.einsum("...i,ij,...j->...", d, half_hessian, d)
    levels = optimum_cost + (J.max() - optimum_cost) * np.geomspace(1e-4, 1.0, 14)
    ax_paths.contour(B1, B2, J, levels=levels, colors=COLORS[7], linewidths=0.5, alpha=0.5)
    ax_paths.plot(*beta_star[0], marker="*", color=COLORS[3], markersize=12, ls="none", label="minimum")
    ax_paths.set_xlim(grid_1[0], grid_1[-1])
    ax_paths.set_ylim(grid_2[0], grid_2[-1])
    ax_paths.set_xlabel(f"β₁ ({feature_names[0]})")
    ax_paths.set_ylabel(f"β₂ ({feature_names[1]})")
    ax_costs.axhline(tolerance, color=COLORS[7], lw=0.8, ls=":", label=f"tolerance {tolerance:g}")
    ax_costs.set_yscale("log")
    lowest = int(np.floor(np.log10(tolerance))) - 2
    plain_log_axis(ax_costs.yaxis, numticks=5)
    ax_costs.set_ylim(10.0**lowest, 2.0)
    ax_costs.set_xlabel("iteration k")
    ax_costs.set_ylabel("(J − J*) / (J₀ − J*)")
    ax_costs.set_title("excess cost, relative to the start")
    return optimum_cost


def _iterations_text(count: int | None, iterations: int) -> str:
    """'in 45 iterations', or 'not within 100' when the tolerance was not reached."""
    return f"in {count} iterations" if count is not None else f"not within {iterations}"


def _relative_excess(costs: np.ndarray, optimum_cost: float) -> np.ndarray:
    """(J - J*) / (J_0 - J*), with non-finite values as NaN (not drawn)."""
    with np.errstate(invalid="ignore", over="ignore"):
        relative = (np.asarray(costs) - optimum_cost) / (costs[0] - optimum_cost)
    return np.where(np.isfinite(relative), relative, np.nan)


def valley_figure(X, Y, runs: dict[str, StochasticResult], *, feature_names: tuple[str, str],
                  tolerance: float, shown_iterations: int = 60):
    """Paths over the contours of a narrow valley, and their excess cost against the iteration.

    X: (m, 2) centred features (so alpha does not interact with beta); Y: (m, 1).
    runs: label -> StochasticResult of a batch run (batch_size = m) from the same start.
    tolerance: drawn as a line on the relative excess cost (J - J*) / (J_0 - J*).
    The contours are those of J with alpha at its optimum; the paths show the first
    shown_iterations updates. Returns the Figure.
    """
    X, Y = _centred_pair(X, Y)
    figure, (ax_paths, ax_costs) = new_figure(2, height=4.0)
    framed = np.vstack([run.betas[: shown_iterations + 1] for run in runs.values()])
    optimum_cost = _draw_valley(ax_paths, ax_costs, X, Y, framed, feature_names, tolerance)
    for color, (label, run) in zip(COLORS, runs.items(), strict=False):
        path = run.betas[: shown_iterations + 1]
        ax_paths.plot(path[:, 0], path[:, 1], color=color, lw=1, marker=".", markersize=3, label=label)
        relative = _relative_excess(run.costs, optimum_cost)
        ax_costs.plot(np.arange(relative.size), relative, color=color, lw=1.2, label=label)
    ax_paths.set_title(f"the first {shown_iterations} updates")
    ax_paths.legend(loc="upper right", frameon=True, framealpha=0.9)
    ax_costs.legend(loc="upper right")
    figure.suptitle("A narrow valley: gradient descent with and without momentum")
    return figure


def momentum_view(X, Y, *, feature_names: tuple[str, str], reference_learning_rate: float,
                  default_learning_rate: float, default_momentum: float, max_iterations: int,
                  tolerance: float = 1e-6):
    """A run with momentum over the contours of a narrow valley, beside plain gradient descent.

    X: (m, 2) centred features; Y: (m, 1). reference_learning_rate: the rate of the plain run
    drawn dashed for comparison; default_learning_rate, default_momentum: the setting that frames
    the contour plot; max_iterations: the most iterations update will be asked for.
    Returns (figure, update) where update(learning_rate, momentum, iterations) runs batch gradient
    descent with heavy-ball momentum from zeros and redraws its path and cost, with a warning
    on the plot when the run blows up.
    """
    X, Y = _centred_pair(X, Y)
    m = X.shape[0]

    def run(learning_rate, momentum, iterations):
        return minibatch_gradient_descent(X, Y, learning_rate, iterations, m, rng=np.random.default_rng(0),
                                          momentum=momentum)

    reference = run(reference_learning_rate, 0.0, max_iterations)
    framing = run(default_learning_rate, default_momentum, max_iterations)
    figure, (ax_paths, ax_costs) = new_figure(2, height=4.0)
    optimum_cost = _draw_valley(ax_paths, ax_costs, X, Y, np.vstack([reference.betas, framing.betas]),
                                feature_names, tolerance)
    reference_relative = _relative_excess(reference.costs, optimum_cost)
    reference_label = f"no momentum, rate {reference_learning_rate:.3g}"
    (reference_path,) = ax_paths.plot([], [], color=COLORS[0], lw=0.8, ls="--", label=reference_label)
    (reference_cost,) = ax_costs.plot([], [], color=COLORS[0], lw=1.2, ls="--", label=reference_label)
    (path,) = ax_paths.plot([], [], color=COLORS[1], lw=1, marker=".", markersize=3, label="this run")
    (cost,) = ax_costs.plot([], [], color=COLORS[1], lw=1.2, label="this run")
    ax_paths.legend(loc="upper right", frameon=True, framealpha=0.9)
    ax_costs.legend(loc="upper right")
    warning = warn_on_axes(ax_costs, "")
    title = figure.suptitle("")

    def update(learning_rate: float, momentum: float, iterations: int) -> None:
        result = run(learning_rate, momentum, iterations)
        path.set_data(result.betas[:, 0], result.betas[:, 1])
        cost.set_data(np.arange(result.costs.size), _relative_excess(result.costs, optimum_cost))
        reference_path.set_data(reference.betas[: iterations + 1, 0], reference.betas[: iterations + 1, 1])
        reference_cost.set_data(np.arange(iterations + 1), reference_relative[: iterations + 1])
        ax_costs.set_xlim(0, max(iterations, 1))
        warning.set_text(f"blew up after {result.iterations_run} updates:\nlearning rate too large "
                         f"for momentum {momentum:.2f}" if result.diverged else "")
        warning.set_visible(result.diverged)
        needed = _iterations_text(iterations_to_tolerance(result.costs, optimum_cost, tolerance), iterations)
        reference_needed = _iterations_text(
            iterations_to_tolerance(reference.costs[: iterations + 1], optimum_cost, tolerance), iterations)
        status = (f"blew up after {result.iterations_run} updates" if result.diverged
                  else f"tolerance {tolerance:g} {needed}")
        title.set_text(f"rate {learning_rate:.3g}, momentum {momentum:.2f}: {status} "
                       f"(no momentum: {reference_needed})")

    return figure, update


#: The convergence factors the map colours, from fast (this) to stalled (1); q >= 1 is grey.
MAP_LOWEST_Q = 0.75
#: The levels of q drawn as labelled contour lines.
MAP_LEVELS = (0.85, 0.9, 0.95, 0.99)


def convergence_map_figure(learning_rates, momenta, q, *, largest_eigenvalue: float,
                           best: tuple[float, float], plain_best: float):
    """The convergence factor q as a colour over the learning rate eta and the momentum mu.

    learning_rates: (L,); momenta: (M,); q: (L, M), q[i, j] at learning_rates[i], momenta[j];
    q >= 1 (no convergence) is drawn grey. largest_eigenvalue: lambda_max, for the stability
    boundary eta = 2 (1 + mu) / lambda_max (dashed); best: (eta*, mu*), marked with a star;
    plain_best: the best rate of plain gradient descent, marked with a circle at mu = 0.
    Returns the Figure.
    """
    import matplotlib as mpl

    rates, momenta = np.asarray(learning_rates, dtype=float), np.asarray(momenta, dtype=float)
    colormap = mpl.colormaps["viridis"].with_extremes(bad="#d9d9d9")
    figure, (ax,) = new_figure(height=5.2, width=7.5)
    with np.errstate(invalid="ignore"):
        converging = np.ma.masked_where(~(np.asarray(q, dtype=float).T < 1.0),
                                        np.asarray(q, dtype=float).T)  # (M, L)
    image = ax.pcolormesh(rates, momenta, converging, cmap=colormap, shading="nearest",
                          norm=mpl.colors.Normalize(vmin=MAP_LOWEST_Q, vmax=1.0))
    lines = ax.contour(rates, momenta, converging.filled(2.0), levels=MAP_LEVELS,
                       colors="white", linewidths=0.8)
    ax.clabel(lines, fmt="q = %g", fontsize=9)
    boundary = np.linspace(momenta[0], momenta[-1], 100)
    ax.plot(2 * (1 + boundary) / largest_eigenvalue, boundary, color=COLORS[7], lw=1.5,
            ls="--", label="stability boundary η = 2(1 + μ)/λ_max")
    ax.plot(*best, marker="*", color=COLORS[3], markersize=18, mec="white", ls="none",
            label=f"best: η* = {best[0]:.4f}, μ* = {best[1]:.2f}")
    ax.plot(plain_best, 0.0, marker="o", color=COLORS[1], markersize=10, mec="white",
            ls="none", clip_on=False, label=f"best without momentum, η = {plain_best:.4f}")
    ax.text(0.97, 0.25, "no convergence\n(q ≥ 1)", transform=ax.transAxes, ha="right")
    ax.set_xlim(rates[0], rates[-1])
    ax.set_ylim(momenta[0], momenta[-1])
    ax.set_xlabel("learning rate η")
    ax.set_ylabel("momentum μ")
    figure.legend(loc="outside lower center", ncols=2, frameon=False)
    colorbar = figure.colorbar(image, ax=ax, pad=0.02)
    colorbar.set_label("convergence factor q (smaller is faster)")
    ax.set_title("The heavy ball in the valley: q for each (η, μ)")
    return figure
