"""Notebook 02, the worked example: the first iteration written out as on paper, and the exercises.

The written_* functions turn the numbers of one iteration into the arithmetic a learner redoes
with pencil and calculator (ŷ₁ = 0 + 0.5·1 + 0.5·2 = 1.5, ...). They print what the numbers
are, so the text cannot drift from the computation; tests/test_worked_example.py checks each
against gdlib.predict, gdlib.mse_cost, gdlib.mse_gradients and gdlib.gradient_descent.
"""

from __future__ import annotations

import numpy as np

from gdlib.curvature import critical_learning_rate
from gdlib.data import load_worked_example, load_worked_example_start
from gdlib.descent import gradient_descent
from gdlib.exercises import Exercise
from gdlib.model import predict
from gdlib.mse import mse_gradients
from gdlib.validation import as_alpha, as_beta, as_parameters, as_Y, check_learning_rate

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

#: The exercises' settings (the expected answers are computed from them, never typed in).
EXERCISE_BETA = (1.0, 1.0)
EXERCISE_LEARNING_RATE = 0.05
EXERCISE_TARGET_COST = 1e-3
EXERCISE_FAST_RATE = 0.09


def by_hand(x: float) -> str:
    """A number as you would write it on paper: at most 4 decimals, no trailing zeros, a true minus sign.

    by_hand(0.5) == "0.5", by_hand(3.0) == "3", by_hand(-28.25) == "−28.25", by_hand(16.877409) == "16.8774".
    """
    text = f"{float(x):.4f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text.replace("-", "−")


def _factor(x: float) -> str:
    """by_hand(x), in brackets when negative, so it can follow a multiplication sign."""
    text = by_hand(x)
    return f"({text})" if text.startswith("−") else text


def _sub(i: int) -> str:
    """Subscript digits for an index counted from 1: _sub(1) == '₁'."""
    return str(i).translate(_SUBSCRIPTS)


def written_predictions(X, alpha, beta) -> str:
    """ŷᵢ = α + β₁·xᵢ₁ + … + βₙ·xᵢₙ written out for every example, one line each.

    X: (m, n); alpha: (1, 1); beta: (1, n). Returns the m lines joined by newlines.
    """
    X, alpha, beta = as_parameters(X, alpha, beta)
    Y_hat = predict(X, alpha, beta)
    lines = []
    for i, (row, y_hat) in enumerate(zip(X, Y_hat[:, 0], strict=True), start=1):
        terms = " + ".join(f"{_factor(weight)}·{_factor(x)}" for weight, x in zip(beta[0], row, strict=True))
        lines.append(f"ŷ{_sub(i)} = {by_hand(alpha[0, 0])} + {terms} = {by_hand(y_hat)}")
    return "\n".join(lines)


def written_cost(X, Y, alpha, beta) -> str:
    """The residuals y − ŷ and J = (1/m) Σ (y − ŷ)² written out.

    X: (m, n); Y: (m, 1); alpha: (1, 1); beta: (1, n). Returns a few lines of text.
    """
    X, alpha, beta = as_parameters(X, alpha, beta)
    Y = as_Y(Y, X.shape[0])
    Y_hat = predict(X, alpha, beta)
    residuals = (Y - Y_hat)[:, 0]
    squares = residuals**2
    m = X.shape[0]
    return "\n".join([
        "residuals y − ŷ:  " + ",  ".join(f"{by_hand(y)} − {_factor(y_hat)} = {by_hand(e)}"
                                       for y, y_hat, e in zip(Y[:, 0], Y_hat[:, 0], residuals, strict=True)),
        "J = (" + " + ".join(f"{_factor(r)}²" for r in residuals) + f") / {m}",
        "  = (" + " + ".join(by_hand(s) for s in squares) + f") / {m}",
        f"  = {by_hand(squares.sum())} / {m} = {by_hand(squares.sum() / m)}",
    ])


def written_d_alpha(X, Y, alpha, beta) -> str:
    """∂J/∂α = −(2/m) Σ (y − ŷ) written out on one line.

    X: (m, n); Y: (m, 1); alpha: (1, 1); beta: (1, n). Returns the line.
    """
    X, alpha, beta = as_parameters(X, alpha, beta)
    Y = as_Y(Y, X.shape[0])
    residuals = (Y - predict(X, alpha, beta))[:, 0]
    m = X.shape[0]
    total = residuals.sum()
    return (f"∂J/∂α = −(2/{m})·(" + " + ".join(_factor(r) for r in residuals) + f") = −(2/{m})·{_factor(total)}"
            f" = {by_hand(-2.0 / m * total)}")


def written_d_beta(X, Y, alpha, beta) -> str:
    """∂J/∂βⱼ = −(2/m) Σᵢ (yᵢ − ŷᵢ)·xᵢⱼ written out, one line per weight.

    X: (m, n); Y: (m, 1); alpha: (1, 1); beta: (1, n). Returns the n lines joined by newlines.
    """
    X, alpha, beta = as_parameters(X, alpha, beta)
    Y = as_Y(Y, X.shape[0])
    residuals = (Y - predict(X, alpha, beta))[:, 0]
    m = X.shape[0]
    lines = []
    for j, column in enumerate(X.T, start=1):
        total = residuals @ column
        products = " + ".join(f"{_factor(r)}·{_factor(x)}" for r, x in zip(residuals, column, strict=True))
        lines.append(f"∂J/∂β{_sub(j)} = −(2/{m})·({products}) = −(2/{m})·{_factor(total)} "
                     f"= {by_hand(-2.0 / m * total)}")
    return "\n".join(lines)


def written_alpha_update(alpha, d_alpha, learning_rate) -> str:
    """α ← α − η·∂J/∂α written out. alpha, d_alpha: (1, 1); learning_rate: a number > 0."""
    alpha, d_alpha = as_alpha(alpha), as_alpha(d_alpha)
    learning_rate = check_learning_rate(learning_rate)
    new = alpha[0, 0] - learning_rate * d_alpha[0, 0]
    return f"α ← {by_hand(alpha[0, 0])} − {by_hand(learning_rate)}·{_factor(d_alpha[0, 0])} = {by_hand(new)}"


def written_beta_update(beta, d_beta, learning_rate) -> str:
    """βⱼ ← βⱼ − η·∂J/∂βⱼ written out, one line per weight. beta, d_beta: (1, n); learning_rate > 0."""
    beta = as_beta(beta, np.size(beta))
    d_beta = as_beta(d_beta, beta.shape[1])
    learning_rate = check_learning_rate(learning_rate)
    return "\n".join(
        f"β{_sub(j)} ← {by_hand(weight)} − {by_hand(learning_rate)}·{_factor(slope)} = "
        f"{by_hand(weight - learning_rate * slope)}"
        for j, (weight, slope) in enumerate(zip(beta[0], d_beta[0], strict=True), start=1)
    )


def first_iteration_below(costs, target: float) -> int:
    """The smallest k with costs[k] < target. costs: (k + 1,), such as DescentResult.costs.

    Raises ValueError when no cost is below target (run more iterations).
    """
    below = np.flatnonzero(np.asarray(costs, dtype=float) < target)
    if not below.size:
        raise ValueError(f"costs never fall below target = {target}: the lowest is {np.min(costs)}; "
                         "run more iterations.")
    return int(below[0])


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 02, by name; the expected answers are computed here, never shown.

    Returns {name: Exercise}; in the notebook, exercises[name].check(answer) gives feedback.
    """
    X, Y = load_worked_example()
    alpha, beta, learning_rate = load_worked_example_start()
    other_beta = np.array([EXERCISE_BETA])
    weights = "[" + ", ".join(by_hand(weight) for weight in EXERCISE_BETA) + "]"
    rate, target, fast = map(by_hand, (EXERCISE_LEARNING_RATE, EXERCISE_TARGET_COST, EXERCISE_FAST_RATE))
    d_alpha, _ = mse_gradients(X, Y, alpha, other_beta)
    one_update = gradient_descent(X, Y, learning_rate, 1, alpha, other_beta)
    long_run = gradient_descent(X, Y, EXERCISE_LEARNING_RATE, 2000, alpha, beta)
    return {
        "d_alpha": Exercise(
            f"∂J/∂α at α = 0, β = {weights}",
            float(d_alpha[0, 0]),
            f"first predict the four targets with β = {weights}, then add up the residuals y − ŷ and "
            f"multiply the sum by −2/m with m = {X.shape[0]}. Give a plain number.",
        ),
        "beta update": Exercise(
            f"β after one update from α = 0, β = {weights}",
            one_update.beta,
            f"compute both entries of ∂J/∂β = −(2/m)(Y − Ŷ)ᵀX at β = {weights}, then "
            f"β − {by_hand(learning_rate)}·∂J/∂β; mind the two minus signs. Give a (1, 2) array such as "
            "np.array([[b1, b2]]).",
        ),
        "iterations": Exercise(
            f"updates until J < {target} at learning rate {rate}",
            first_iteration_below(long_run.costs, EXERCISE_TARGET_COST),
            "run gdlib.gradient_descent from the worked example's start for a few hundred iterations; "
            f"result.costs[k] is the cost after k updates, and you want the first k where it is below "
            f"{target} (np.argmax of a boolean array finds the first True).",
            rtol=0.0, atol=0.5,
        ),
        "converges at 0.09": Exercise(
            f"does learning rate {fast} converge (True or False)",
            bool(EXERCISE_FAST_RATE < critical_learning_rate(X)),
            f"compare {fast} with gdlib.critical_learning_rate(X), or run gradient descent at {fast} and "
            "look at result.diverged. Answer True for yes, False for no.",
        ),
    }
