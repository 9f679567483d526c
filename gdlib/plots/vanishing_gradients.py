"""Figures of notebook 07: where the sigmoid saturates, and how MSE and cross-entropy train through it."""

from __future__ import annotations

import numpy as np
from matplotlib.ticker import FixedLocator, PercentFormatter

from gdlib import losses
from gdlib.activations import sigmoid
from gdlib.descent import DescentResult, gradient_descent
from gdlib.lessons.vanishing_gradients import (
    ACCURACY_GOAL,
    accuracies,
    confidently_wrong_start,
    gradient_norms,
    iterations_to_accuracy,
    logit_gradient,
    saturation_edge,
)
from gdlib.plots import COLORS, animate, new_figure, plain_log_axis, set_text, warn_on_axes
from gdlib.validation import as_X, as_Y

#: The sigmoid counts as saturated where its slope p (1 - p), p = sigmoid(z), is below this (a 25th of its peak 1/4).
SATURATION = 0.01

#: The two losses compared, with their colours and labels.
LOSSES = {"MSE": (losses.mse, COLORS[3]), "cross-entropy": (losses.binary_cross_entropy, COLORS[0])}


def _shade_saturated(ax, edge: float, z_max: float) -> None:
    for low, high in ((-z_max, -edge), (edge, z_max)):
        ax.axvspan(low, high, color=COLORS[7], alpha=0.08, linewidth=0)
    ax.set_xlim(-z_max, z_max)
    ax.set_xlabel("logit z")


def saturation_figure(z_max: float = 10.0):
    """Left: p = sigmoid(z) and its slope p (1 - p); right: dL/dz for a label y = 1 under MSE and
    cross-entropy.

    The shaded bands are where the sigmoid saturates (p (1 - p) < SATURATION). Returns a Figure.
    """
    z = np.linspace(-z_max, z_max, 401)
    edge = saturation_edge(SATURATION)
    figure, (left, right) = new_figure(2, height=3.8, width=11.0)
    left.plot(z, sigmoid.value(z), color=COLORS[0], label="p = sigmoid(z)")
    left.plot(z, sigmoid.derivative(z), color=COLORS[1], label="slope p (1 − p)")
    _shade_saturated(left, edge, z_max)
    left.set_title(f"the sigmoid saturates where p (1 − p) < {SATURATION:g} (shaded)")
    left.legend(loc="upper left")
    for label, (loss, color) in LOSSES.items():
        right.plot(z, logit_gradient(z, 1.0, loss), color=color, label=label)
    _shade_saturated(right, edge, z_max)
    right.set_ylabel("∂L/∂z")
    right.set_title("gradient for a label y = 1")
    # Inside the axes, right of the shaded band's edge, between the two curves: clear of the y label.
    right.annotate("confidently wrong:\nMSE is silent", xy=(-0.75 * z_max, 0.0), xytext=(-0.48 * z_max, -0.45),
                   ha="center", va="center", arrowprops={"arrowstyle": "->", "color": COLORS[7], "shrinkA": 4},
                   bbox={"facecolor": "white", "alpha": 0.85, "edgecolor": "none", "pad": 2})
    right.legend(loc="lower right")
    return figure


class _RunCache:
    """Runs of gradient descent from one start, extended on demand (a longer run repeats a shorter
    one step for step, so extending the last point gives exactly the run from the start)."""

    SIZE = 32

    def __init__(self, X, Y):
        self.X, self.Y = X, Y
        self.runs: dict[tuple[float, float, str], DescentResult] = {}

    def get(self, starting_logit: float, learning_rate: float, label: str, iterations: int) -> DescentResult:
        key = (starting_logit, learning_rate, label)
        loss = LOSSES[label][0]
        run = self.runs.get(key)
        if run is None:
            alpha, beta = confidently_wrong_start(starting_logit)
            run = gradient_descent(self.X, self.Y, learning_rate, iterations, alpha, beta,
                                   loss=loss, activation=sigmoid)
        elif run.iterations_run < iterations and not (run.diverged or run.converged):
            more = gradient_descent(self.X, self.Y, learning_rate, iterations - run.iterations_run,
                                    run.alpha, run.beta, loss=loss, activation=sigmoid)
            run = DescentResult(
                alpha=more.alpha, beta=more.beta,
                costs=np.concatenate([run.costs, more.costs[1:]]),
                alphas=np.concatenate([run.alphas, more.alphas[1:]]),
                betas=np.concatenate([run.betas, more.betas[1:]]),
                diverged=more.diverged, converged=more.converged, learning_rate=learning_rate,
            )
        self.runs.pop(key, None)
        self.runs[key] = run  # the most recently used last
        while len(self.runs) > self.SIZE:
            del self.runs[next(iter(self.runs))]
        return run


def training_view(X, Y, *, iteration_limit: int = 1000):
    """Sliders' figure: the accuracy (left) and the gradient's length (right) per iteration, for a
    sigmoid-output model trained with MSE and with cross-entropy from the same confidently wrong start.

    The two costs are not drawn: they are different functions, and one axis of both would compare
    numbers that mean different things. The accuracy is the common measure.

    X: (m, 1); Y: (m, 1) labels 0/1. Returns (figure, update) where
    update(starting_logit, learning_rate, iterations) starts from confidently_wrong_start(starting_logit),
    runs both losses, and redraws; dotted lines drop from the dashed goal line at the iteration at
    which each run first classifies ACCURACY_GOAL of the examples correctly. The iteration axes
    are fixed at 0..iteration_limit, so a move redraws only what moves (see gdlib.widgets).
    """
    X = as_X(X)
    Y = as_Y(Y, X.shape[0])
    cache = _RunCache(X, Y)
    figure, (accuracy_ax, gradients_ax) = new_figure(2, height=4.4, width=10.0)
    lines = {}
    for label, (_, color) in LOSSES.items():
        lines[label] = animate(
            accuracy_ax.plot([], [], color=color, label=label)[0],
            gradients_ax.semilogy([], [], color=color, label=label)[0],
            accuracy_ax.plot([], [], color=color, linestyle=":", linewidth=2)[0],
        )
    goal = accuracy_ax.axhline(ACCURACY_GOAL, color=COLORS[7], linestyle="--", linewidth=1.2,
                               label=f"{ACCURACY_GOAL:.0%} accuracy, the goal")
    accuracy_ax.set_ylim(0.0, 1.04)
    accuracy_ax.yaxis.set_major_locator(FixedLocator([0.0, 0.25, 0.5, 0.75, 1.0]))
    accuracy_ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    accuracy_ax.set_ylabel("examples classified correctly")
    gradients_ax.set_ylim(1e-10, 1e1)
    plain_log_axis(gradients_ax.yaxis, numticks=6)
    gradients_ax.set_ylabel("‖(∂J/∂α, ∂J/∂β)‖")
    gradients_ax.set_title("gradient length, each of its own J")
    for ax in (accuracy_ax, gradients_ax):
        ax.set_xlim(0, iteration_limit)
        ax.set_xlabel("iteration k")
    animate(accuracy_ax.title)
    # One legend for both panels, below them, where nothing moves.
    figure.legend(handles=[lines[label][0] for label in LOSSES] + [goal], loc="outside lower center", ncols=3)
    (warning,) = animate(warn_on_axes(accuracy_ax, ""))
    warning.set_visible(False)

    def update(starting_logit: float, learning_rate: float, iterations: int) -> None:
        starting_logit, learning_rate = float(starting_logit), float(learning_rate)
        iterations = min(int(iterations), iteration_limit)
        reached, diverged = {}, []
        for label, (accuracy_line, gradient_line, drop) in lines.items():
            run = cache.get(starting_logit, learning_rate, label, iterations)
            k = min(iterations, run.iterations_run)
            steps = np.arange(k + 1)
            alphas, betas = run.alphas[: k + 1], run.betas[: k + 1]
            accuracy_line.set_data(steps, accuracies(X, Y, alphas, betas))
            norms = gradient_norms(X, Y, alphas, betas, LOSSES[label][0])
            gradient_line.set_data(steps, np.where(norms > 0, norms, np.nan))
            reached[label] = iterations_to_accuracy(X, Y, alphas, betas)
            drop.set_data([reached[label] or 0] * 2, [0.0, ACCURACY_GOAL])
            drop.set_visible(reached[label] is not None)
            if run.diverged:
                diverged.append(label)
        warning.set_visible(bool(diverged))
        set_text(warning, f"{' and '.join(diverged)} diverged:\nlower the learning rate" if diverged else "")
        counts = ", ".join(f"{label} {'not yet' if count is None else count}" for label, count in reached.items())
        set_text(accuracy_ax.title, f"iterations to {ACCURACY_GOAL:.0%} accuracy:\n{counts}")

    return figure, update
