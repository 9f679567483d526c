"""Notebook 07 (vanishing gradients): a small two-class data set, the gradients of MSE and of
cross-entropy through a sigmoid or a softmax output (closed forms beside each other), and exercises.

For one example with logit z, label y in {0, 1} and prediction p = sigmoid(z), whose slope is
dp/dz = p (1 - p):

    MSE            L = (p - y)^2                          dL/dz = 2 (p - y) p (1 - p)
    cross-entropy  L = -[y log p + (1 - y) log(1 - p)]    dL/dz = p - y

For k classes, p = softmax(z) (k,), one-hot y (k,), and the softmax Jacobian dp/dz = diag(p) - p p^T:

    MSE            L = sum_j (p_j - y_j)^2                dL/dz = (diag(p) - p p^T) 2 (p - y)
    cross-entropy  L = -sum_j y_j log p_j                 dL/dz = p - y
"""

from __future__ import annotations

import numpy as np

from gdlib import losses
from gdlib.activations import sigmoid, softmax
from gdlib.descent import gradient_descent
from gdlib.exercises import Exercise
from gdlib.validation import _as_float_array, as_column, as_X, check_iterations, check_positive

__all__ = [
    "ACCURACY_GOAL",
    "two_classes",
    "confidently_wrong_start",
    "logit_gradient",
    "gradient_norms",
    "accuracies",
    "iterations_to_accuracy",
    "train_until_accurate",
    "saturation_edge",
    "softmax_jacobian",
    "softmax_mse_gradient",
    "softmax_cross_entropy_gradient",
    "exercises",
]

#: A run has learned the data once it classifies this share of the examples correctly.
ACCURACY_GOAL = 0.9


def two_classes(m: int = 40, seed: int = 6) -> tuple[np.ndarray, np.ndarray]:
    """m examples with one feature: X (m, 1), labels Y (m, 1) of 0s and 1s.

    Half are labelled 1 with x uniform on [0.6, 1.4], half labelled 0 with x uniform on
    [-1.4, -0.6]; then one example of each class gets the other label, so that no threshold on x
    separates the classes perfectly and cross-entropy has a finite minimum (how many a threshold
    can get right depends on where the two relabelled examples sit: 39 of 40 for the default seed).
    |x| <= 1.4 keeps every logit z = alpha + beta x of the course's starts within |z| <= 28,
    where sigmoid(z) stays well inside binary_cross_entropy's clipping range [1e-15, 1 - 1e-15].
    Drawn from numpy.random.default_rng(seed).
    """
    m = check_iterations(m, "m")
    if m < 4 or m % 2:
        raise ValueError(f"m must be an even number of examples, at least 4, got {m}.")
    rng = np.random.default_rng(seed)
    labels = np.repeat([1.0, 0.0], m // 2)
    x = (2 * labels - 1) * rng.uniform(0.6, 1.4, size=m)
    flipped = [rng.integers(0, m // 2), m // 2 + rng.integers(0, m // 2)]
    labels[flipped] = 1 - labels[flipped]
    return x.reshape(-1, 1), labels.reshape(-1, 1)


def confidently_wrong_start(starting_logit: float) -> tuple[np.ndarray, np.ndarray]:
    """The start (alpha (1, 1), beta (1, 1)) = (0, starting_logit) for the one-feature data of two_classes.

    An example at x = 1 then gets the logit z = starting_logit: a negative starting_logit is
    confidently wrong for the examples labelled 1 (near x = +1) and for those labelled 0 (near -1).
    """
    return np.zeros((1, 1)), np.array([[float(starting_logit)]])


def logit_gradient(z, y, loss) -> np.ndarray:
    """dL/dz of one example's loss through a sigmoid output, in closed form (see the module docstring).

    z: logits, any shape; y: labels 0 or 1 of the same shape (or a number);
    loss: gdlib.losses.mse or gdlib.losses.binary_cross_entropy.
    Returns an array shaped like z.
    """
    z = _as_float_array(z, "z")
    y = np.broadcast_to(_as_float_array(y, "y"), z.shape)
    error = sigmoid.value(z) - y
    if loss is losses.mse:
        return 2.0 * error * sigmoid.derivative(z)
    if loss is losses.binary_cross_entropy:
        return error
    raise ValueError(f"loss must be gdlib.losses.mse or gdlib.losses.binary_cross_entropy, got {loss!r}.")


def _logits(X, alphas, betas) -> np.ndarray:
    """Logits of every example at every recorded step: (k + 1, m) from X (m, n), alphas (k + 1,), betas (k + 1, n)."""
    X = as_X(X)
    alphas = np.asarray(alphas, dtype=float).reshape(-1)
    betas = np.asarray(betas, dtype=float).reshape(alphas.size, X.shape[1])
    return alphas[:, None] + betas @ X.T


def gradient_norms(X, Y, alphas, betas, loss) -> np.ndarray:
    """The length of the gradient (dJ/dalpha, dJ/dbeta) at every step of a sigmoid-output run.

    X: (m, n); Y: (m, 1) labels; alphas (k + 1,) and betas (k + 1, n): DescentResult.alphas/.betas;
    loss: gdlib.losses.mse or binary_cross_entropy, J being the mean of the per-example losses.
    Returns (k + 1,): sqrt(dJ/dalpha^2 + |dJ/dbeta|^2), with dJ/dz_i = logit_gradient(z_i, y_i) / m.
    """
    X = as_X(X)
    Y = as_column(Y, "Y", X.shape[0])
    d_z = logit_gradient(_logits(X, alphas, betas), Y.T, loss) / X.shape[0]  # (k + 1, m)
    d_alpha = d_z.sum(axis=1)
    d_beta = d_z @ X  # (k + 1, n)
    return np.sqrt(d_alpha**2 + (d_beta**2).sum(axis=1))


def accuracies(X, Y, alphas, betas) -> np.ndarray:
    """The share of examples classified correctly (p > 0.5 means label 1) at every recorded step: (k + 1,)."""
    X = as_X(X)
    Y = as_column(Y, "Y", X.shape[0])
    return ((_logits(X, alphas, betas) > 0) == (Y.T > 0.5)).mean(axis=1)


def iterations_to_accuracy(X, Y, alphas, betas, goal: float = ACCURACY_GOAL) -> int | None:
    """The first iteration at which the accuracy reaches goal, or None if the run never does."""
    reached = np.flatnonzero(accuracies(X, Y, alphas, betas) >= goal)
    return int(reached[0]) if reached.size else None


def train_until_accurate(X, Y, starting_logit: float, learning_rate: float, loss, *, cap: int,
                         chunk: int = 50, goal: float = ACCURACY_GOAL) -> int | None:
    """Iterations a sigmoid-output model needs to classify goal of the examples correctly, or None.

    X: (m, 1); Y: (m, 1) labels; the run starts at confidently_wrong_start(starting_logit) and uses
    gdlib.gradient_descent(..., loss=loss, activation=sigmoid). It runs in chunks of `chunk`
    iterations, each continuing from where the last stopped (which repeats one long run step for
    step), and stops at the first chunk that reaches the goal, or after cap iterations.
    """
    cap = check_iterations(cap, "cap")
    chunk = max(1, check_iterations(chunk, "chunk"))
    alpha, beta = confidently_wrong_start(starting_logit)
    done = 0
    while True:
        run = gradient_descent(X, Y, learning_rate, min(chunk, cap - done), alpha, beta, loss=loss,
                               activation=sigmoid)
        reached = iterations_to_accuracy(X, Y, run.alphas, run.betas, goal)
        if reached is not None:
            return done + reached
        done += run.iterations_run
        if done >= cap or run.diverged or run.iterations_run == 0:
            return None
        alpha, beta = run.alpha, run.beta


def _as_logits_and_label(z, y) -> tuple[np.ndarray, np.ndarray]:
    z = _as_float_array(z, "z").reshape(-1)
    y = _as_float_array(y, "y").reshape(-1)
    if y.shape != z.shape:
        raise ValueError(f"y must be a one-hot vector with one entry per logit: expected shape {z.shape}, "
                         f"got {y.shape}.")
    return z, y


def softmax_jacobian(z) -> np.ndarray:
    """dp/dz for p = softmax(z): z (k,) logits -> (k, k) matrix diag(p) - p p^T (symmetric)."""
    p = softmax(_as_float_array(z, "z").reshape(1, -1))[0]
    return np.diag(p) - np.outer(p, p)


def softmax_mse_gradient(z, y) -> np.ndarray:
    """dL/dz of L = sum_j (softmax(z)_j - y_j)^2: z (k,) logits, y (k,) one-hot -> (k,)."""
    z, y = _as_logits_and_label(z, y)
    p = softmax(z.reshape(1, -1))[0]
    return softmax_jacobian(z) @ (2.0 * (p - y))


def softmax_cross_entropy_gradient(z, y) -> np.ndarray:
    """dL/dz of L = -sum_j y_j log softmax(z)_j: z (k,) logits, y (k,) one-hot -> (k,) = softmax(z) - y."""
    z, y = _as_logits_and_label(z, y)
    return softmax(z.reshape(1, -1))[0] - y


def saturation_edge(level: float) -> float:
    """The z > 0 where the sigmoid's slope p (1 - p), p = sigmoid(z), equals level (0 < level < 1/4);
    for |z| beyond it the slope is below level.

    p (1 - p) = level gives p = (1 + sqrt(1 - 4 level)) / 2 > 1/2, and z = log(p / (1 - p)).
    """
    level = check_positive(level, "level")
    if level >= 0.25:
        raise ValueError(f"level must be below 1/4, the largest slope of the sigmoid, got {level!r}.")
    p = (1.0 + np.sqrt(1.0 - 4.0 * level)) / 2.0
    return float(np.log(p / (1.0 - p)))


def exercises() -> dict[str, Exercise]:
    """The exercises of notebook 07, by name; expected answers are computed here, never printed."""
    X, Y = two_classes()
    mse_iterations = train_until_accurate(X, Y, -6.0, 1.0, losses.mse, cap=2_000)
    assert mse_iterations is not None, "the MSE run of exercise 2 must reach the accuracy goal"
    return {
        "saturation": Exercise(
            "where the slope p (1 - p) falls to 0.001",
            saturation_edge(1e-3),
            "solve p (1 - p) = 0.001 for p > 1/2, then z = log(p / (1 - p)); check with gdlib.sigmoid.derivative",
        ),
        "mse iterations": Exercise(
            "MSE iterations from a starting logit of -6",
            mse_iterations,
            "run gdlib.gradient_descent with loss=gdlib.losses.mse, activation=gdlib.sigmoid, learning rate 1 "
            "and the start confidently_wrong_start(-6), then count with iterations_to_accuracy",
            rtol=0, atol=0.5,
        ),
    }
