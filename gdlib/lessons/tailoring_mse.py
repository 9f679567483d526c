"""Notebook 12 (tailoring MSE): its data sets, the masked fit's learning rate, and its exercises."""

from __future__ import annotations

import numpy as np

from gdlib.exercises import Exercise
from gdlib.tailoring import gaussian_heatmap, shared_line_fit, weighted_line_fits

#: The line every simulated data set of the notebook comes from: y = 2 + 0.5 x + noise.
TRUE_ALPHA, TRUE_BETA = 2.0, 0.5


def line_data(replications: int, m: int, seed: int, noise=1.0,
              noise_growth: float = 0.0) -> tuple[np.ndarray, np.ndarray]:
    """replications data sets of m points: x (r, m) uniform on [0, 10], Y (r, m) = 2 + 0.5 x + noise.

    The noise of point i is normal with standard deviation sigma_i = noise + noise_growth * x_i
    (noise: a number or an array broadcastable to (r, m)).
    """
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 10.0, size=(replications, m))
    sigma = noise + noise_growth * x
    return x, TRUE_ALPHA + TRUE_BETA * x + sigma * rng.normal(size=(replications, m))


def masked_learning_rate(X, weights, fraction: float = 0.9) -> float:
    """fraction of the critical learning rate 2 / lambda_max of the weighted (masked) MSE.

    X: (m, n); weights: (m, 1), the w_i of J = (1/m) sum_i w_i r_i^2. Its Hessian over
    (alpha, beta) is H = (2/m) A^T diag(w) A with A = [1 | X]. Returns a float.
    """
    X, weights = np.asarray(X, dtype=float), np.asarray(weights, dtype=float)
    A = np.column_stack([np.ones(X.shape[0]), X])
    hessian = 2.0 / X.shape[0] * A.T @ (weights * A)
    return float(fraction * 2.0 / np.linalg.eigvalsh(hessian).max())


def two_channel_data(Sigma, replications: int, m: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Data sets of m examples with two outputs each, both measuring the line 2 + 0.5 x, with
    noise of covariance Sigma (2, 2). Returns x (r, m) uniform on [0, 10] and Y (r, m, 2)."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0.0, 10.0, size=(replications, m))
    noise = rng.normal(size=(replications, m, 2)) @ np.linalg.cholesky(Sigma).T
    return x, (TRUE_ALPHA + TRUE_BETA * x)[..., None] + noise


def expert_commands(m: int = 50, seed: int = 7) -> tuple[np.ndarray, np.ndarray]:
    """An expert's commands for two joints, the lines 1 + 0.8 x and 0.5 + 1.1 x plus noise of
    standard deviation 0.1. Returns x (m,) sorted, on [0, 10], and the commands (m, 2)."""
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(0.0, 10.0, size=m))
    lines = np.column_stack([1.0 + 0.8 * x, 0.5 + 1.1 * x])
    return x, lines + 0.1 * rng.normal(size=(m, 2))


def heatmap_scene(size: int = 24, width: float = 2.5) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A target heatmap for a joint at (9, 12), partly hidden by an occluder whose pixels show a
    second, brighter blob at (14, 9) (another person's joint, say).

    Returns (target (size, size), visibility (size, size): 0 on the occluder, true centre (2,)).
    """
    true_center = np.array([9.0, 12.0])
    target = gaussian_heatmap(true_center, size, width)
    columns, rows = np.meshgrid(np.arange(size), np.arange(size))
    occluded = (columns >= 12) & (rows <= 12)
    target = np.where(occluded, 1.5 * gaussian_heatmap((14.0, 9.0), size, width), target)
    return target, (~occluded).astype(float), true_center


def exercises() -> dict[str, Exercise]:
    """The notebook's exercises, keyed by a short name; answers computed, never typed in."""
    x = np.array([0.0, 1.0, 2.0, 3.0])
    Y = np.array([1.0, 2.0, 2.0, 5.0])
    mask = np.array([1.0, 1.0, 0.0, 1.0])
    _, masked_slope = weighted_line_fits(x, Y, mask)
    Sigma = np.array([[1.0, 0.0], [0.0, 4.0]])
    W = np.linalg.inv(Sigma)
    averaging = W.sum(axis=0) / W.sum()
    outputs = np.array([[[3.0, 8.0]], [[5.0, 10.0]]])
    _, shared_slope = shared_line_fit(np.array([[0.0], [1.0]]).T, outputs.transpose(1, 0, 2), W)
    return {
        "masked slope": Exercise(
            "slope of the masked fit", masked_slope,
            "drop the example whose mask is 0, then fit a line through the other three",
        ),
        "channel weights": Exercise(
            "GLS weights of the two channels", averaging,
            "with W = Sigma^-1, the fit averages the outputs with weights 1^T W / (1^T W 1)",
        ),
        "shared slope": Exercise(
            "GLS slope through the two examples", shared_slope[0],
            "average each example's two outputs with the GLS weights first, then join the two averages",
        ),
    }
