"""Figures of notebook 09: batch, mini-batch and stochastic gradient descent.

Costs are drawn as the excess cost J - J* on a log scale, so that the noise floor of a
stochastic run is visible next to a run that keeps converging.
"""

from __future__ import annotations

import numpy as np

from gdlib.descent import BLOW_UP_FACTOR
from gdlib.mse import least_squares, mse_cost
from gdlib.plots import COLORS, animate, new_figure, plain_log_axis, warn_on_axes
from gdlib.stochastic import StochasticResult, epoch_batches, minibatch_gradient_descent
from gdlib.validation import as_X, as_Y

#: The excess costs shown: below the floor means "solved"; runs are drawn clipped to it.
EXCESS_FLOOR, EXCESS_CEILING = 1e-6, 1e2


def _excess(costs: np.ndarray, optimum_cost: float) -> np.ndarray:
    """J - J*, clipped into the drawn range (non-finite values become NaN and are not drawn)."""
    return _clipped(np.asarray(costs, dtype=float) - optimum_cost)


def _clipped(excess: np.ndarray) -> np.ndarray:
    """Excess costs clipped into [EXCESS_FLOOR, EXCESS_CEILING], non-finite ones NaN (not drawn)."""
    with np.errstate(invalid="ignore"):
        return np.where(np.isfinite(excess), np.clip(excess, EXCESS_FLOOR, EXCESS_CEILING), np.nan)


def _label_panels(ax_updates, ax_examples, m: int) -> None:
    ax_updates.set_xscale("log")
    plain_log_axis(ax_updates.xaxis)
    for ax in (ax_updates, ax_examples):
        ax.set_yscale("log")
        plain_log_axis(ax.yaxis, numticks=5)
        ax.set_ylim(EXCESS_FLOOR / 2, EXCESS_CEILING * 2)
        ax.set_ylabel("excess cost J − J*")
    ax_updates.set_xlabel("update k (log scale)")
    ax_updates.set_title("against updates")
    ax_examples.set_xlabel(f"examples seen (an epoch is m = {m})")
    ax_examples.set_title("against examples seen")


def variant_curves_figure(runs: dict[str, StochasticResult], optimum_cost: float, m: int):
    """Excess cost against updates and against examples seen, one line per run.

    runs: label -> StochasticResult; optimum_cost: J* (from least squares); m: examples.
    Returns the Figure. The update axis is logarithmic, so it starts at the first update.
    """
    figure, (ax_updates, ax_examples) = new_figure(2, height=3.8, width=10.0)
    for color, (label, run) in zip(COLORS, runs.items(), strict=False):
        excess = _excess(run.costs, optimum_cost)
        updates = np.arange(run.costs.size)
        ax_updates.plot(updates[1:], excess[1:], color=color, lw=1, label=label)
        ax_examples.plot(run.examples_seen, excess, color=color, lw=1, label=label)
    _label_panels(ax_updates, ax_examples, m)
    ax_updates.legend(loc="lower left")
    figure.suptitle("Batch, mini-batch and stochastic gradient descent on the same data")
    return figure


def _epoch_maps(A: np.ndarray, y: np.ndarray, learning_rate: float, batches: list[np.ndarray]):
    """The updates of one epoch as affine maps of theta = [alpha, beta] (p = n + 1).

    A: (m, p) the rows [1, x_i]; y: (m,); batches: the epoch's index arrays. A step on batch B is
    theta <- M theta + d with M = I - (2 eta / b) A_B^T A_B and d = (2 eta / b) A_B^T y_B: the MSE
    gradient of a batch is linear in theta. Returns M (K, p, p) and d (K, p), one per batch.
    """
    p = A.shape[1]
    order = np.concatenate(batches)
    size = batches[0].size
    full = order.size // size  # batches of the full size; a shorter one may follow
    groups = [order[: full * size].reshape(full, size)]
    if full * size < order.size:
        groups.append(order[full * size:].reshape(1, -1))
    maps, shifts = [], []
    for rows in groups:  # (K, b) indices
        scale = 2.0 * learning_rate / rows.shape[1]
        A_batches, y_batches = A[rows], y[rows]  # (K, b, p), (K, b)
        gram = (A_batches[:, :, :, None] * A_batches[:, :, None, :]).sum(axis=1)  # (K, p, p)
        maps.append(np.eye(p) - scale * gram)
        shifts.append(scale * (A_batches * y_batches[:, :, None]).sum(axis=1))
    return np.concatenate(maps), np.concatenate(shifts)


def _compose_all(maps: np.ndarray, shifts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Prefix compositions of affine maps: (P_k, q_k) = step k after ... after step 0.

    maps: (K, p, p); shifts: (K, p). Returns P (K, p, p) and q (K, p), so that starting from
    theta_0 the parameters after step k are P_k theta_0 + q_k. Computed in log2(K) rounds of
    whole-array products (each entry composed with the one `offset` steps before it), instead
    of K small products one after the other.
    """
    P, q = maps.copy(), shifts.copy()
    offset = 1
    while offset < len(P):
        # (M2, d2) after (M1, d1) is (M2 M1, M2 d1 + d2): q first, from the P of this round.
        q[offset:] = np.einsum("kij,kj->ki", P[offset:], q[:-offset]) + q[offset:]
        P[offset:] = P[offset:] @ P[:-offset]
        offset *= 2
    return P, q


def minibatch_runner(X, Y, *, seed: int = 0):
    """Runs of gdlib.stochastic.minibatch_gradient_descent from zeros (same batches, same
    stopping rule), computed fast enough for a slider, as excess costs J - J*.

    X: (m, n); Y: (m, 1); seed: the shuffling seed of every run. Returns
    run(learning_rate, epochs, batch_size) -> (excess (k + 1,), examples_seen (k + 1,), diverged):
    the excess cost on all m examples at the start and after each of the k updates, the examples
    used before each, and whether the run blew up (its cost above gdlib.descent.BLOW_UP_FACTOR
    times the start, where it stops). The numbers agree with minibatch_gradient_descent's to
    rounding. The speed comes from writing an epoch's steps as affine maps (_epoch_maps),
    composed in whole-array rounds (_compose_all), and from the excess cost being the quadratic
    form (theta - theta*) (A^T A / m) (theta - theta*)^T, exact for the MSE of a linear model.
    """
    X = as_X(X)
    m = X.shape[0]
    Y = as_Y(Y, m)
    A = np.hstack([np.ones((m, 1)), X])  # (m, n + 1)
    y = Y[:, 0]
    alpha_star, beta_star = least_squares(X, Y)
    theta_star = np.hstack([alpha_star, beta_star])[0]
    curvature = A.T @ A / m
    optimum_cost = mse_cost(X, Y, alpha_star, beta_star)
    start = float(theta_star @ curvature @ theta_star)  # the excess cost at theta = 0
    blow_up = BLOW_UP_FACTOR * max(optimum_cost + start, np.finfo(float).tiny) - optimum_cost

    def run(learning_rate: float, epochs: int, batch_size: int):
        rng = np.random.default_rng(seed)
        theta = np.zeros(A.shape[1])
        excess, examples_seen = [np.array([start])], [np.array([0])]
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(epochs):
                batches = epoch_batches(m, batch_size, rng)
                P, q = _compose_all(*_epoch_maps(A, y, learning_rate, batches))
                thetas = P @ theta + q  # (K, n + 1): after each update of the epoch
                theta = thetas[-1]
                offsets = thetas - theta_star
                excess.append(np.einsum("ki,ij,kj->k", offsets, curvature, offsets))
                examples_seen.append(examples_seen[-1][-1] + np.cumsum([rows.size for rows in batches]))
                blown = ~np.isfinite(excess[-1]) | (excess[-1] > blow_up)
                if blown.any():
                    stop = int(np.argmax(blown)) + 1
                    excess[-1], examples_seen[-1] = excess[-1][:stop], examples_seen[-1][:stop]
                    return np.concatenate(excess), np.concatenate(examples_seen), True
        return np.concatenate(excess), np.concatenate(examples_seen), False

    return run


def variants_view(X, Y, *, reference_learning_rate: float, max_epochs: int, seed: int = 0):
    """A figure of one mini-batch run beside batch gradient descent, and the function that redraws it.

    X: (m, n); Y: (m, 1). reference_learning_rate: the rate of the batch run drawn for comparison
    over max_epochs epochs (dashed, drawn once); max_epochs: the most epochs update is asked
    for, which fixes both x axes (updates up to max_epochs * m, examples seen up to max_epochs *
    m), so nothing but the run moves while a slider is dragged; seed: the shuffling seed of every run.
    Returns (figure, update) where update(batch_size, learning_rate, epochs) runs mini-batch
    gradient descent from zeros (minibatch_runner) and redraws its line in both panels, with
    a warning on the plot when the run blows up or ends above its starting cost.
    """
    X = as_X(X)
    m = X.shape[0]
    Y = as_Y(Y, m)
    optimum_cost = mse_cost(X, Y, *least_squares(X, Y))
    reference = minibatch_gradient_descent(X, Y, reference_learning_rate, max_epochs, m,
                                           rng=np.random.default_rng(seed))
    run = minibatch_runner(X, Y, seed=seed)
    figure, (ax_updates, ax_examples) = new_figure(2, height=4.0)
    reference_excess = _excess(reference.costs, optimum_cost)
    reference_label = f"batch, rate {reference_learning_rate:.3g}"
    ax_updates.plot(np.arange(1, reference.costs.size), reference_excess[1:], color=COLORS[7], lw=1.5,
                    ls="--", label=reference_label)
    ax_examples.plot(reference.examples_seen, reference_excess, color=COLORS[7], lw=1.5, ls="--",
                     label=reference_label)
    (line_updates,) = ax_updates.plot([], [], color=COLORS[0], lw=1, label="this run")
    (line_examples,) = ax_examples.plot([], [], color=COLORS[0], lw=1, label="this run")
    _label_panels(ax_updates, ax_examples, m)
    ax_updates.set_xlim(0.8, 1.25 * max_epochs * m)  # batches of 1 make m updates an epoch
    ax_examples.set_xlim(0, max_epochs * m)
    # Below the panels: the moving line never crosses the legend.
    figure.legend(handles=[line_examples, ax_examples.lines[0]], loc="outside lower center", ncols=2)
    # Low in the panel: a run whose cost grew ends high, the batch run ends in the middle.
    warning = warn_on_axes(ax_examples, "")
    warning.set_position((0.5, 0.2))
    title = figure.suptitle("")
    animate(line_updates, line_examples, warning, title)

    def update(batch_size: int, learning_rate: float, epochs: int) -> None:
        excess, examples_seen, diverged = run(learning_rate, epochs, batch_size)
        updates = excess.size - 1
        shown = _clipped(excess)
        line_updates.set_data(np.arange(1, excess.size), shown[1:])
        line_examples.set_data(examples_seen, shown)
        grew = diverged or not excess[-1] <= excess[0]
        warning.set_text(f"the cost grew: learning rate {learning_rate:.3g}\nis too large for batches of "
                         f"{batch_size}" if grew else "")
        warning.set_visible(grew)
        ending = (f"the cost blew up after {updates} updates" if diverged else
                  f"{updates} updates, J − J* = {excess[-1]:.2e} at the end")
        title.set_text(f"batch size {batch_size}, learning rate {learning_rate:.3g}: {ending}")

    return figure, update


def gradient_clouds_figure(clouds: dict[str, np.ndarray], feature_names: tuple[str, str]):
    """Batch gradients at the minimum, as clouds around the full gradient (which is zero there).

    clouds: label -> (B, 2) two components of B batch gradients (d_beta_1, d_beta_2).
    feature_names: the names of the two features. Returns the Figure.
    """
    figure, (ax,) = new_figure(height=4.0, width=8.0)
    for color, (label, points) in zip(COLORS, clouds.items(), strict=False):
        ax.scatter(points[:, 0], points[:, 1], s=14, alpha=0.5, color=color, label=label)
    ax.plot([0], [0], marker="+", color=COLORS[7], markersize=14, mew=2, ls="none", label="full gradient (0)")
    ax.set_xlabel(f"∂J/∂β for {feature_names[0]}")
    ax.set_ylabel(f"∂J/∂β for {feature_names[1]}")
    ax.set_title("Batch gradients at the minimum")
    ax.set_aspect("equal", adjustable="datalim")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0))  # beside the axes: it hides no point
    return figure
