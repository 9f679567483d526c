"""Notebook 09's coding exercise: one mini-batch epoch.

check_minibatch_epoch(fn) compares the learner's epoch with gdlib.stochastic.minibatch_gradient_descent
run for one epoch on the learner's order of the examples, and names the classic mistake the
learner's outputs match.
"""

from __future__ import annotations

import numpy as np

from gdlib.exercises.cases import regression_problem
from gdlib.exercises.checking import Case, CheckResult, Exercise, Mistake, check_function
from gdlib.stochastic import epoch_batches, minibatch_gradient_descent

# --- one mini-batch epoch ------------------------------------------------------------------

_BATCH_GRADIENT = "g_α = −(2/b) Σ_B (y − ŷ), g_β = −(2/b) (Y_B − Ŷ_B)ᵀ X_B"
_STEP = "α ← α − η g_α, β ← β − η g_β"


def minibatch_epoch(X, Y, alpha, beta, learning_rate, batch_size, order):
    """One epoch of mini-batch gradient descent in a given order, computed by gdlib.

    X: (m, n); Y: (m, 1); alpha: (1, 1); beta: (1, n); learning_rate > 0; batch_size: 1..m;
    order: (m,) a permutation of 0..m-1, the order in which the examples are visited.
    Returns (alpha (1, 1), beta (1, n)) after one step per batch: the batches are the consecutive
    slices order[start:start + batch_size], the last one shorter when batch_size does not divide m.

    gdlib.stochastic.minibatch_gradient_descent shuffles with its own generator (through
    epoch_batches), so the rows are handed to it arranged such that its shuffle visits them in
    `order`: arranged[shuffle] = order.
    """
    m = X.shape[0]
    shuffle = np.concatenate(epoch_batches(m, batch_size, np.random.default_rng(0)))
    arranged = np.empty(m, dtype=int)
    arranged[shuffle] = np.asarray(order, dtype=int)
    run = minibatch_gradient_descent(X[arranged], Y[arranged], learning_rate, 1, batch_size,
                                     rng=np.random.default_rng(0), alpha=alpha, beta=beta)
    if run.diverged:  # a case must not trip gdlib's blow-up guard, or the epoch would stop early
        raise ValueError("this case makes gdlib's run blow up: choose a smaller learning rate")
    return run.alpha, run.beta


def _epoch_with(*, sign=-1.0, factor=2.0, mean=True, divisor="batch", rows_from="order",
                whole_data=False, bias=True, steps="each batch", last_batch=True):
    """A mutant of the epoch: the step's sign, the factor 2, the 1/b, what b is, which rows, ...

    divisor: "batch" (len(rows)), "batch_size" (even for the last, shorter batch) or "m".
    rows_from: "order" or "range" (the order ignored).
    steps: "each batch", "last batch only" (the update outside the loop) or "summed at the end".
    """
    def gives(X, Y, alpha, beta, learning_rate, batch_size, order):
        m = X.shape[0]
        visit = np.asarray(order) if rows_from == "order" else np.arange(m)
        stop = m if last_batch else m - m % batch_size
        alpha, beta = alpha.copy(), beta.copy()
        start_alpha, start_beta = alpha.copy(), beta.copy()
        total_alpha, total_beta = np.zeros_like(alpha), np.zeros_like(beta)
        d_alpha = d_beta = None
        for start in range(0, stop, batch_size):
            rows = visit[start:start + batch_size]
            X_B, Y_B = (X, Y) if whole_data else (X[rows], Y[rows])
            at_alpha, at_beta = (start_alpha, start_beta) if steps == "summed at the end" else (alpha, beta)
            residual = Y_B - ((at_alpha if bias else 0.0) + X_B @ at_beta.T)
            b = {"batch": len(X_B), "batch_size": batch_size, "m": m}[divisor]
            scale = -factor / b if mean else -factor
            d_alpha, d_beta = scale * residual.sum(axis=0, keepdims=True), scale * residual.T @ X_B
            if steps == "each batch":
                alpha = alpha + sign * learning_rate * d_alpha
                beta = beta + sign * learning_rate * d_beta
            total_alpha, total_beta = total_alpha + d_alpha, total_beta + d_beta
        if steps == "last batch only" and d_alpha is not None:
            alpha, beta = alpha - learning_rate * d_alpha, beta - learning_rate * d_beta
        if steps == "summed at the end":
            alpha, beta = alpha - learning_rate * total_alpha, beta - learning_rate * total_beta
        return alpha, beta
    return gives


EPOCH_MISTAKES = (
    Mistake("each step goes uphill: the sign is flipped",
            f"the minus in {_STEP}, with {_BATCH_GRADIENT}", _epoch_with(sign=1.0)),
    Mistake("the batches are cut from the examples in their original order, ignoring `order`",
            "the rows of each batch: `rows = order[start:start + batch_size]`, positions taken from `order`",
            _epoch_with(rows_from="range")),
    Mistake("only one step per epoch, from the last batch's gradient: the update is outside the loop",
            f"the indentation of {_STEP}: one step per batch, inside the loop over the batches",
            _epoch_with(steps="last batch only")),
    Mistake("every batch gradient is computed at the starting parameters and the sum is applied in one "
            "step at the end",
            f"where each batch's gradient is taken: at the α and β the previous step left, each batch "
            f"followed at once by its own step {_STEP}", _epoch_with(steps="summed at the end")),
    Mistake("every step uses the gradient of all m examples instead of the batch's",
            f"X_B and Y_B in {_BATCH_GRADIENT}: only the batch's rows, `X[rows]` and `Y[rows]`",
            _epoch_with(whole_data=True)),
    Mistake("the last, shorter batch is divided by batch_size instead of its own size",
            f"the b in {_BATCH_GRADIENT}: b = len(rows), which is smaller for the last batch when "
            "batch_size does not divide m", _epoch_with(divisor="batch_size")),
    Mistake("each batch gradient is divided by m, the number of all examples, instead of by the batch's size b",
            f"the 2/b in {_BATCH_GRADIENT}: b = len(rows)", _epoch_with(divisor="m")),
    Mistake("the last, shorter batch is skipped",
            "the loop over the batches: `range(0, m, batch_size)` also reaches the examples left over at the end",
            _epoch_with(last_batch=False)),
    Mistake("a sum where the batch's mean belongs (the 1/b is missing)",
            f"the 2/b in {_BATCH_GRADIENT}", _epoch_with(mean=False)),
    Mistake("the factor 2 is missing (the 2 comes down from the square)",
            f"the 2 in {_BATCH_GRADIENT}", _epoch_with(factor=1.0)),
    Mistake("the prediction leaves out the bias", "the prediction Ŷ_B = α + X_B βᵀ: α belongs in it",
            _epoch_with(bias=False)),
)

#: (m, n, scale of X, batch_size): one example, one feature, n > m, stochastic (b = 1), one batch
#: (b = m), and batch sizes that do not divide m, so the last batch is shorter.
EPOCH_SHAPES = ((1, 1, 1.0, 1), (1, 3, 2.0, 1), (5, 1, 30.0, 2), (2, 5, 0.5, 1), (7, 3, 1.0, 3),
                (6, 2, 0.01, 4), (4, 4, 100.0, 4), (8, 2, 3.0, 3), (9, 1, 1.0, 4))


def _epoch_cases(seed: int) -> list[Case]:
    """The held-out cases of the epoch: regression problems with a batch size, a shuffled order
    (never the identity when m > 1) and a learning rate of half the safe rate of the most curved
    example, so that every batch step is stable and gdlib's run never blows up.

    One generator, default_rng(seed), draws for each of EPOCH_SHAPES in turn: the problem
    (regression_problem(rng, m, n, scale)), then order = rng.permutation(m), drawn again while it is
    the identity; the learning rate is 0.5 / max_i (1 + ‖x_i‖²) over the rows x_i of X.
    """
    rng = np.random.default_rng(seed)
    names = ("X", "Y", "alpha", "beta", "learning_rate", "batch_size", "order")
    cases = []
    for m, n, scale, batch_size in EPOCH_SHAPES:
        X, Y, alpha, beta = regression_problem(rng, m, n, scale)
        order = rng.permutation(m)
        while m > 1 and np.array_equal(order, np.arange(m)):
            order = rng.permutation(m)
        learning_rate = 0.5 / float(np.max(1.0 + np.sum(X**2, axis=1)))
        cases.append(Case((X, Y, alpha, beta, learning_rate, batch_size, order), names))
    return cases


def minibatch_epoch_exercise(seed: int = 8) -> Exercise:
    """The held-out cases, reference and mistakes of the minibatch_epoch exercise."""
    return Exercise(
        title="minibatch_epoch",
        function_name="minibatch_epoch",
        outputs=("alpha", "beta"),
        reference=minibatch_epoch,
        cases=_epoch_cases(seed),
        mistakes=EPOCH_MISTAKES,
        rtol=1e-9,
    )


def check_minibatch_epoch(function) -> CheckResult:
    """Check a learner's minibatch_epoch(X, Y, alpha, beta, learning_rate, batch_size, order)
    -> (alpha (1, 1), beta (1, n)).

    X: (m, n); Y: (m, 1); alpha: (1, 1); beta: (1, n); order: (m,) a permutation of the examples.
    Returns a CheckResult that names the mistake (sign, order ignored, one step per epoch, the
    whole data's gradient, the last batch's size, m for b, a skipped last batch, sum for mean,
    factor 2, missing bias, in-place change).
    """
    return check_function(function, minibatch_epoch_exercise())
