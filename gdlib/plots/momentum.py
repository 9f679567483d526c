"""Figures of notebook 10 (momentum): paths in a narrow valley, the slider figure, and the map
of the convergence factor q over the learning rate and the momentum."""

from __future__ import annotations

import numpy as np

from gdlib.curvature import mse_hessian
from gdlib.descent import BLOW_UP_FACTOR
from gdlib.lessons.momentum import iterations_to_tolerance
from gdlib.mse import least_squares, mse_cost
from gdlib.plots import COLORS, SMALLEST_TEXT_PT, animate, new_figure, plain_log_axis, warn_on_axes
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
    grid_2 = np.linspace(low[1] - pad[1], high[1] + pad[1], 160)
    B1, B2 = np.meshgrid(grid_1, grid_2)
    # J is quadratic: J(alpha*, beta) = J* + d (H_beta / 2) d^T with d = beta - beta*, H_beta the
    # beta block of the Hessian (exact for the MSE of a linear model; alpha* is the same for every
    # beta because the features are centred).
    half_hessian = mse_hessian(X)[1:, 1:] / 2.0
    d = np.stack([B1 - beta_star[0, 0], B2 - beta_star[0, 1]], axis=-1)
    J = optimum_cost + np.einsum("...i,ij,...j->...", d, half_hessian, d)
    levels = optimum_cost + (J.max() - optimum_cost) * np.geomspace(1e-4, 1.0, 14)
    ax_paths.contour(B1, B2, J, levels=levels, colors=COLORS[7], linewidths=0.5, alpha=0.5)
    # On top of the paths that end there (zorder), white-edged so that it shows over them.
    ax_paths.plot(*beta_star[0], marker="*", color=COLORS[3], markersize=14, mec="white", ls="none",
                  label="minimum", zorder=5)
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


def _bottom_legend(figure, handles, ncols: int | None = None) -> None:
    """One legend for both panels, below them: paths and cost curves never run under it."""
    figure.legend(handles=handles, loc="outside lower center", ncols=ncols or len(handles))


def valley_figure(X, Y, runs: dict[str, StochasticResult], *, feature_names: tuple[str, str],
                  tolerance: float, shown_iterations: int = 60, cost_iterations: int = 80):
    """Paths over the contours of a narrow valley, and their excess cost against the iteration.

    X: (m, 2) centred features (so alpha does not interact with beta); Y: (m, 1).
    runs: label -> StochasticResult of a batch run (batch_size = m) from the same start.
    tolerance: drawn as a line on the relative excess cost (J - J*) / (J_0 - J*).
    The contours are those of J with alpha at its optimum; the paths show the first
    shown_iterations updates, the cost panel the first cost_iterations (a run that reaches the
    tolerance later says at which iteration, at the right edge). Returns the Figure.
    """
    X, Y = _centred_pair(X, Y)
    figure, (ax_paths, ax_costs) = new_figure(2, height=4.2, width=10.0)
    framed = np.vstack([run.betas[: shown_iterations + 1] for run in runs.values()])
    optimum_cost = _draw_valley(ax_paths, ax_costs, X, Y, framed, feature_names, tolerance)
    for color, (label, run) in zip(COLORS, runs.items(), strict=False):
        path = run.betas[: shown_iterations + 1]
        ax_paths.plot(path[:, 0], path[:, 1], color=color, lw=1, marker=".", markersize=4, label=label)
        relative = _relative_excess(run.costs, optimum_cost)
        ax_costs.plot(np.arange(relative.size), relative, color=color, lw=1.5, label=label)
        needed = iterations_to_tolerance(run.costs, optimum_cost, tolerance)
        if needed is not None and needed > cost_iterations:
            # Where the curve leaves the panel: the iteration it needs, written beside it.
            at_edge = relative[min(cost_iterations, relative.size - 1)]
            # Below the curve: it falls to the right, so the text to the left of its end stays clear.
            ax_costs.annotate(f"tolerance at k = {needed} →", (cost_iterations, at_edge), xytext=(-4, -8),
                              textcoords="offset points", ha="right", va="top", color=color)
    ax_costs.set_xlim(0, cost_iterations)
    ax_paths.set_title(f"the first {shown_iterations} updates")
    _bottom_legend(figure, [*ax_paths.lines, ax_costs.lines[0]])
    figure.suptitle("A narrow valley: gradient descent with and without momentum")
    return figure


def heavy_ball_runner(X, Y):
    """Full-batch runs of gdlib.stochastic.minibatch_gradient_descent with momentum, from zeros,
    fast enough for a slider.

    X: (m, n); Y: (m, 1). Returns run(learning_rate, momentum, iterations) ->
    (betas (k + 1, n), costs (k + 1,), diverged), the weights and the cost J at the start and
    after each update, stopped like minibatch_gradient_descent when the cost blows up (above
    gdlib.descent.BLOW_UP_FACTOR times the start). The numbers agree with it to rounding: the
    gradient is H theta - c with theta = [alpha, beta], H = 2 A^T A / m and c = 2 A^T Y / m
    for A = [1 | X], so an update is two small products, and J - J* is (theta - theta*) H
    (theta - theta*)^T / 2, computed for the whole run at once.
    """
    X = as_X(X)
    m = X.shape[0]
    Y = as_Y(Y, m)
    A = np.hstack([np.ones((m, 1)), X])
    hessian, shift = 2.0 * A.T @ A / m, 2.0 * A.T @ Y[:, 0] / m
    alpha_star, beta_star = least_squares(X, Y)
    theta_star = np.hstack([alpha_star, beta_star])[0]
    optimum_cost = mse_cost(X, Y, alpha_star, beta_star)

    def run(learning_rate: float, momentum: float, iterations: int):
        thetas = np.zeros((iterations + 1, A.shape[1]))
        theta, velocity = thetas[0].copy(), np.zeros(A.shape[1])
        with np.errstate(over="ignore", invalid="ignore"):
            for k in range(1, iterations + 1):
                velocity = momentum * velocity - learning_rate * (hessian @ theta - shift)
                theta = theta + velocity
                thetas[k] = theta
                if not np.isfinite(theta).all():
                    thetas = thetas[: k + 1]
                    break
            offsets = thetas - theta_star
            costs = optimum_cost + 0.5 * np.einsum("ki,ij,kj->k", offsets, hessian, offsets)
            blown = ~np.isfinite(costs) | (costs > BLOW_UP_FACTOR * max(costs[0], np.finfo(float).tiny))
        if blown.any():
            stop = int(np.argmax(blown)) + 1
            return thetas[:stop, 1:], costs[:stop], True
        return thetas[:, 1:], costs, False

    return run


def momentum_view(X, Y, *, feature_names: tuple[str, str], reference_learning_rate: float,
                  default_learning_rate: float, default_momentum: float, max_iterations: int,
                  tolerance: float = 1e-6):
    """A run with momentum over the contours of a narrow valley, beside plain gradient descent.

    X: (m, 2) centred features; Y: (m, 1). reference_learning_rate: the rate of the plain run
    drawn dashed for comparison; default_learning_rate, default_momentum: the setting that frames
    the contour plot; max_iterations: the most iterations update will be asked for, which is
    also the fixed end of the cost panel's axis (so no axis moves while a slider is dragged).
    Returns (figure, update) where update(learning_rate, momentum, iterations) runs batch gradient
    descent with heavy-ball momentum from zeros (heavy_ball_runner) and redraws its path and cost,
    with a warning on the plot when the run blows up. Only the runs, the title and the warning
    are drawn again at each move.
    """
    X, Y = _centred_pair(X, Y)
    m = X.shape[0]
    run = heavy_ball_runner(X, Y)
    reference = minibatch_gradient_descent(X, Y, reference_learning_rate, max_iterations, m,
                                           rng=np.random.default_rng(0))
    framing = minibatch_gradient_descent(X, Y, default_learning_rate, max_iterations, m,
                                         rng=np.random.default_rng(0), momentum=default_momentum)
    figure, (ax_paths, ax_costs) = new_figure(2, height=4.4, width=10.0)
    optimum_cost = _draw_valley(ax_paths, ax_costs, X, Y, np.vstack([reference.betas, framing.betas]),
                                feature_names, tolerance)
    reference_relative = _relative_excess(reference.costs, optimum_cost)
    reference_label = f"no momentum, rate {reference_learning_rate:.3g}"
    (reference_path,) = ax_paths.plot([], [], color=COLORS[0], lw=0.8, ls="--", label=reference_label)
    (reference_cost,) = ax_costs.plot([], [], color=COLORS[0], lw=1.5, ls="--", label=reference_label)
    (path,) = ax_paths.plot([], [], color=COLORS[1], lw=1.2, marker=".", markersize=4, label="this run")
    (cost,) = ax_costs.plot([], [], color=COLORS[1], lw=1.5, label="this run")
    ax_costs.set_xlim(0, max_iterations)
    ax_paths.set_title("paths over the contours of J")
    _bottom_legend(figure, [ax_paths.lines[0], reference_cost, cost, ax_costs.lines[0]])
    # In the upper right of the cost panel: a run that blew up leaves through the top at once,
    # and the dashed run comes down the diagonal below it.
    warning = warn_on_axes(ax_costs, "")
    warning.set_position((0.72, 0.78))
    title = figure.suptitle("")
    # The minimum's star is animated too, though it never moves: animated artists are drawn over
    # the background, and the star must stay on top of the paths that end at it.
    animate(reference_path, reference_cost, path, cost, ax_paths.lines[0], warning, title)

    def update(learning_rate: float, momentum: float, iterations: int) -> None:
        betas, costs, diverged = run(learning_rate, momentum, iterations)
        path.set_data(betas[:, 0], betas[:, 1])
        cost.set_data(np.arange(costs.size), _relative_excess(costs, optimum_cost))
        reference_path.set_data(reference.betas[: iterations + 1, 0], reference.betas[: iterations + 1, 1])
        reference_cost.set_data(np.arange(iterations + 1), reference_relative[: iterations + 1])
        warning.set_text(f"blew up:\nrate too large\nfor μ = {momentum:.2f}" if diverged else "")
        warning.set_visible(diverged)
        needed = _iterations_text(iterations_to_tolerance(costs, optimum_cost, tolerance), iterations)
        reference_needed = _iterations_text(
            iterations_to_tolerance(reference.costs[: iterations + 1], optimum_cost, tolerance), iterations)
        status = f"blew up after {costs.size - 1} updates" if diverged else f"tolerance {tolerance:g} {needed}"
        title.set_text(f"η = {learning_rate:.3g}, μ = {momentum:.2f}: {status} (no momentum: {reference_needed})")

    return figure, update


#: The convergence factors the map colours, from fast (this) to stalled (1); q >= 1 is grey.
MAP_LOWEST_Q = 0.75
#: The levels of q drawn as labelled contour lines.
MAP_LEVELS = (0.85, 0.9, 0.95, 0.99)


def _contoured_q(q: np.ndarray) -> np.ma.MaskedArray:
    """q (M, L) with the cells at or next to q >= 1 masked, for the contour lines.

    Near the stability boundary q climbs to 1 within a cell of the grid, so every level would run
    along the boundary's staircase of cells, crowding the dashed line; masked, the lines stop
    one cell short of it.
    """
    outside = ~(q < 1.0)
    near = outside.copy()
    near[1:, :] |= outside[:-1, :]
    near[:-1, :] |= outside[1:, :]
    near[:, 1:] |= outside[:, :-1]
    near[:, :-1] |= outside[:, 1:]
    return np.ma.masked_where(near, q)


def _map_label_places(rates: np.ndarray, momenta: np.ndarray, q: np.ma.MaskedArray) -> list[tuple[float, float]]:
    """Where to write each level of MAP_LEVELS: on the level's flat stretch if it has one.

    rates (L,), momenta (M,), q (M, L) as contoured. Where every direction spirals, q = sqrt(mu)
    whatever eta: a level's line is horizontal there, and a label on it reads upright. The
    highest row (below the top twentieth) in which the level crosses a fifth of the rates holds it,
    at the middle of that stretch; a level without one is labelled at the middle of its line.
    """
    places = []
    step = np.diff(MAP_LEVELS).min() / 4
    for level in MAP_LEVELS:
        near = (np.abs(q - level) < step).filled(False)  # (M, L)
        if not near.any():
            continue
        rows = [j for j in range(len(momenta)) if near[j].sum() > 0.2 * len(rates)
                and momenta[j] < momenta[0] + 0.95 * np.ptp(momenta)]
        if rows:
            j = max(rows)
            columns = np.flatnonzero(near[j])
            places.append((float(rates[columns[len(columns) // 2]]), float(momenta[j])))
        else:
            js, is_ = np.nonzero(near)
            middle = np.argsort(js)[len(js) // 2]
            places.append((float(rates[is_[middle]]), float(momenta[js[middle]])))
    return places


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
    figure, (ax,) = new_figure(height=5.6, width=9.0)
    with np.errstate(invalid="ignore"):
        converging = np.ma.masked_where(~(np.asarray(q, dtype=float).T < 1.0),
                                        np.asarray(q, dtype=float).T)  # (M, L)
    image = ax.pcolormesh(rates, momenta, converging, cmap=colormap, shading="nearest",
                          norm=mpl.colors.Normalize(vmin=MAP_LOWEST_Q, vmax=1.0))
    contoured = _contoured_q(np.asarray(q, dtype=float).T)
    lines = ax.contour(rates, momenta, contoured, levels=MAP_LEVELS, colors="white", linewidths=1.0)
    # One label per level, away from the boundary (labels there would crowd it and each other).
    ax.clabel(lines, fmt="q = %g", fontsize=SMALLEST_TEXT_PT, manual=_map_label_places(rates, momenta, contoured))
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
    figure.legend(loc="outside lower center", ncols=2)
    colorbar = figure.colorbar(image, ax=ax, pad=0.02)
    colorbar.set_label("convergence factor q (smaller is faster)")
    ax.set_title("The heavy ball in the valley: q for each (η, μ)")
    return figure
