"""Figures of notebook 09: batch, mini-batch and stochastic gradient descent.

Costs are drawn as the excess cost J - J* on a log scale, so that the noise floor of a
stochastic run is visible next to a run that keeps converging.
"""

from __future__ import annotations

import numpy as np

from gdlib.mse import least_squares, mse_cost
from gdlib.plots import COLORS, new_figure, plain_log_axis, warn_on_axes
from gdlib.stochastic import StochasticResult, minibatch_gradient_descent
from gdlib.validation import as_X, as_Y

#: The excess costs shown: below the floor means "solved"; runs are drawn clipped to it.
EXCESS_FLOOR, EXCESS_CEILING = 1e-6, 1e2


def _excess(costs: np.ndarray, optimum_cost: float) -> np.ndarray:
    """J - J*, clipped into the drawn range (non-finite values become NaN and are not drawn)."""
    excess = np.asarray(costs, dtype=float) - optimum_cost
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
    ax_examples.set_title("against examples seen (the work done)")


def variant_curves_figure(runs: dict[str, StochasticResult], optimum_cost: float, m: int):
    """Excess cost against updates and against examples seen, one line per run.

    runs: label -> StochasticResult; optimum_cost: J* (from least squares); m: examples.
    Returns the Figure. The update axis is logarithmic, so it starts at the first update.
    """
    figure, (ax_updates, ax_examples) = new_figure(2, height=3.6)
    for color, (label, run) in zip(COLORS, runs.items(), strict=False):
        excess = _excess(run.costs, optimum_cost)
        updates = np.arange(run.costs.size)
        ax_updates.plot(updates[1:], excess[1:], color=color, lw=1, label=label)
        ax_examples.plot(run.examples_seen, excess, color=color, lw=1, label=label)
    _label_panels(ax_updates, ax_examples, m)
    ax_updates.legend(loc="lower left")
    figure.suptitle("Batch, mini-batch and stochastic gradient descent on the same data")
    return figure


def variants_view(X, Y, *, reference_learning_rate: float, max_epochs: int, seed: int = 0):
    """A figure of one mini-batch run beside batch gradient descent, and the function that redraws it.

    X: (m, n); Y: (m, 1). reference_learning_rate: the rate of the batch run drawn for comparison
    (for up to max_epochs epochs); seed: the shuffling seed of every run.
    Returns (figure, update) where update(batch_size, learning_rate, epochs) runs mini-batch
    gradient descent from zeros and redraws both panels, with a warning on the plot when the
    run blows up or ends above its starting cost.
    """
    X = as_X(X)
    m = X.shape[0]
    Y = as_Y(Y, m)
    optimum_cost = mse_cost(X, Y, *least_squares(X, Y))
    reference = minibatch_gradient_descent(X, Y, reference_learning_rate, max_epochs, m,
                                           rng=np.random.default_rng(seed))
    figure, (ax_updates, ax_examples) = new_figure(2, height=3.6)
    reference_excess = _excess(reference.costs, optimum_cost)
    reference_label = f"batch, rate {reference_learning_rate:.3g}"
    ax_updates.plot(np.arange(1, reference.costs.size), reference_excess[1:], color=COLORS[7], lw=1.5,
                    ls="--", label=reference_label)
    (reference_examples,) = ax_examples.plot(reference.examples_seen, reference_excess, color=COLORS[7],
                                             lw=1.5, ls="--", label=reference_label)
    (line_updates,) = ax_updates.plot([], [], color=COLORS[0], lw=1, label="this run")
    (line_examples,) = ax_examples.plot([], [], color=COLORS[0], lw=1, label="this run")
    _label_panels(ax_updates, ax_examples, m)
    ax_examples.legend(loc="upper right")
    warning = warn_on_axes(ax_examples, "")
    title = figure.suptitle("")

    def update(batch_size: int, learning_rate: float, epochs: int) -> None:
        run = minibatch_gradient_descent(X, Y, learning_rate, epochs, batch_size, rng=np.random.default_rng(seed))
        excess = _excess(run.costs, optimum_cost)
        line_updates.set_data(np.arange(1, run.costs.size), excess[1:])
        line_examples.set_data(run.examples_seen, excess)
        shown = reference.examples_seen <= max(epochs, 1) * m
        reference_examples.set_data(reference.examples_seen[shown], reference_excess[shown])
        updates_planned = epochs * -(-m // batch_size)
        ax_updates.set_xlim(0.8, max(updates_planned, reference.iterations_run, 2) * 1.25)
        ax_examples.set_xlim(0, max(epochs, 1) * m)
        grew = run.diverged or not run.cost <= run.costs[0]
        warning.set_text(f"the cost grew: learning rate {learning_rate:.3g}\nis too large for batches of "
                         f"{batch_size}" if grew else "")
        warning.set_visible(grew)
        ending = (f"the cost blew up after {run.iterations_run} updates" if run.diverged else
                  f"{run.iterations_run} updates, J − J* = {run.cost - optimum_cost:.2e} at the end")
        title.set_text(f"batch size {batch_size}, learning rate {learning_rate:.3g}: {ending}")

    return figure, update


def gradient_clouds_figure(clouds: dict[str, np.ndarray], feature_names: tuple[str, str]):
    """Batch gradients at the minimum, as clouds around the full gradient (which is zero there).

    clouds: label -> (B, 2) two components of B batch gradients (d_beta_1, d_beta_2).
    feature_names: the names of the two features. Returns the Figure.
    """
    figure, (ax,) = new_figure(height=4.0, width=5.5)
    for color, (label, points) in zip(COLORS, clouds.items(), strict=False):
        ax.scatter(points[:, 0], points[:, 1], s=8, alpha=0.5, color=color, label=label)
    ax.plot([0], [0], marker="+", color=COLORS[7], markersize=14, mew=2, ls="none", label="full gradient (0)")
    ax.set_xlabel(f"∂J/∂β for {feature_names[0]}")
    ax.set_ylabel(f"∂J/∂β for {feature_names[1]}")
    ax.set_title("Batch gradients at the minimum")
    ax.set_aspect("equal", adjustable="datalim")
    ax.legend(loc="upper left", frameon=True, framealpha=0.9)
    return figure
