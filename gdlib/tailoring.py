"""Squared error tailored to the data: weights per example, weights per output, masks per pixel.

Three closed forms and one small model, all minimising a weighted sum of squared errors:

- weighted_line_fits: many one-feature lines at once, each minimising sum_i w_i (y_i - a - b x_i)^2
  (weights 0/1: the masked MSE of missing targets; weights 1/sigma_i^2: weighted least squares).
- shared_line_fit: k outputs per example predicted by one shared line, minimising
  sum_i r_i^T W r_i with the residual vector r_i = y_i - (a + b x_i) 1_k; W = Sigma^-1 is
  generalized least squares (GLS), W = I plain MSE.
- inverse_sqrt: the whitening matrix P = Sigma^(-1/2) that turns GLS back into plain MSE.
- a Gaussian heatmap whose centre is fitted under a visibility mask.
"""

from __future__ import annotations

import numpy as np

from gdlib.minimize import minimize
from gdlib.validation import _as_float_array, check_positive

__all__ = [
    "weighted_line_fits",
    "inverse_sqrt",
    "shared_line_fit",
    "gaussian_heatmap",
    "heatmap_cost",
    "heatmap_gradient",
    "fit_heatmap_center",
    "observed_mask",
]


def _same_shape(name: str, array, reference: np.ndarray) -> np.ndarray:
    array = _as_float_array(array, name)
    if array.shape != reference.shape:
        raise ValueError(f"{name} must have the shape {reference.shape} of the data, got {array.shape}.")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must contain only finite numbers.")
    return array


def weighted_line_fits(x, Y, weights=None) -> tuple[np.ndarray, np.ndarray]:
    """Fit y = a + b x by weighted least squares, for many data sets at once.

    x, Y, weights: arrays of the same shape (..., m): the last axis holds the m examples of one
    data set, the leading axes index data sets (for example Monte Carlo replications).
    weights: >= 0, default all 1 (plain MSE); a weight of 0 leaves an example out (masked MSE).
    Returns (a, b), each of shape (...), minimising sum_i w_i (y_i - a - b x_i)^2.
    """
    x = _as_float_array(x, "x")
    if x.ndim < 1 or x.shape[-1] < 2:
        raise ValueError(f"x must have at least two examples along its last axis, got shape {x.shape}.")
    Y = _same_shape("Y", Y, x)
    weights = np.ones_like(x) if weights is None else _same_shape("weights", weights, x)
    if weights.min() < 0:
        raise ValueError(f"weights must be >= 0, got a minimum of {weights.min():g}.")
    total = weights.sum(axis=-1, keepdims=True)
    if np.any(total == 0):
        raise ValueError("weights must not be all 0 for any data set: nothing would be fitted.")
    x_mean = (weights * x).sum(axis=-1, keepdims=True) / total
    y_mean = (weights * Y).sum(axis=-1, keepdims=True) / total
    spread = (weights * (x - x_mean) ** 2).sum(axis=-1)
    b = (weights * (x - x_mean) * (Y - y_mean)).sum(axis=-1) / spread
    a = y_mean[..., 0] - b * x_mean[..., 0]
    return a, b


def _as_spd(matrix, name: str) -> np.ndarray:
    """A symmetric positive definite (k, k) matrix, or a clear error."""
    matrix = _as_float_array(matrix, name)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"{name} must be a square matrix (k, k), got shape {matrix.shape}.")
    if not np.allclose(matrix, matrix.T):
        raise ValueError(f"{name} must be symmetric.")
    if np.linalg.eigvalsh(matrix)[0] <= 0:
        raise ValueError(f"{name} must be positive definite; its smallest eigenvalue is "
                         f"{np.linalg.eigvalsh(matrix)[0]:.3g}.")
    return matrix


def inverse_sqrt(Sigma) -> np.ndarray:
    """The symmetric whitening matrix P = Sigma^(-1/2) of a covariance Sigma (k, k).

    Returns P (k, k) with P Sigma P^T = I, so P times noise of covariance Sigma is white noise.
    """
    eigenvalues, eigenvectors = np.linalg.eigh(_as_spd(Sigma, "Sigma"))
    return (eigenvectors / np.sqrt(eigenvalues)) @ eigenvectors.T


def shared_line_fit(x, Y, W=None) -> tuple[np.ndarray, np.ndarray]:
    """Fit one line a + b x to k outputs per example, weighting output residuals by the matrix W.

    x: (..., m) inputs; Y: (..., m, k) outputs (leading axes index data sets);
    W: (k, k) symmetric positive definite, default the identity (plain MSE).
    Minimises sum_i r_i^T W r_i with r_i = y_i - (a + b x_i) 1. Setting the gradient to zero
    shows this is the plain line fit to the W-weighted average of the outputs,
    y_bar_i = (1^T W y_i) / (1^T W 1). Returns (a, b), each of shape (...).
    """
    Y = _as_float_array(Y, "Y")
    if Y.ndim < 2:
        raise ValueError(f"Y must have shape (..., m, k), got shape {Y.shape}.")
    k = Y.shape[-1]
    W = np.eye(k) if W is None else _as_spd(W, "W")
    if W.shape != (k, k):
        raise ValueError(f"W must be ({k}, {k}) for outputs with k = {k}, got shape {W.shape}.")
    weights = W.sum(axis=0)  # 1^T W
    averaged = Y @ weights / weights.sum()
    return weighted_line_fits(x, averaged)


def gaussian_heatmap(center, size: int, width: float) -> np.ndarray:
    """A size x size image of exp(-|p - center|^2 / (2 width^2)) over pixel centres p = (column, row).

    center: (2,) the (column, row) position of the peak, in pixels. Returns (size, size).
    """
    center = _as_float_array(center, "center")
    if center.shape != (2,):
        raise ValueError(f"center must be a (column, row) pair of shape (2,), got shape {center.shape}.")
    width = check_positive(width, "width")
    columns, rows = np.meshgrid(np.arange(size), np.arange(size))
    return np.exp(-((columns - center[0]) ** 2 + (rows - center[1]) ** 2) / (2 * width**2))


def _heatmap_pieces(center, target, visibility, width):
    target = _as_float_array(target, "target")
    if target.ndim != 2 or target.shape[0] != target.shape[1]:
        raise ValueError(f"target must be a square image (size, size), got shape {target.shape}.")
    visibility = _same_shape("visibility", visibility, target)
    heatmap = gaussian_heatmap(center, target.shape[0], width)
    return heatmap, target, visibility


def heatmap_cost(center, target, visibility, width: float) -> float:
    """The masked MSE (1/N) sum_p v_p (T(p) - H_c(p))^2 of a Gaussian heatmap centred at center.

    center: (2,); target, visibility: (size, size), visibility in [0, 1] (0 = hidden pixel).
    Returns a float; N = size^2 pixels.
    """
    heatmap, target, visibility = _heatmap_pieces(center, target, visibility, width)
    return float(np.mean(visibility * (heatmap - target) ** 2))


def heatmap_gradient(center, target, visibility, width: float) -> np.ndarray:
    """d heatmap_cost / d center: (2/N) sum_p v_p (H - T) H (p - c) / width^2. Returns (2,)."""
    heatmap, target, visibility = _heatmap_pieces(center, target, visibility, width)
    center = np.asarray(center, dtype=float)
    columns, rows = np.meshgrid(np.arange(target.shape[0]), np.arange(target.shape[0]))
    common = 2.0 * visibility * (heatmap - target) * heatmap / width**2 / heatmap.size
    return np.array([np.sum(common * (columns - center[0])), np.sum(common * (rows - center[1]))])


def fit_heatmap_center(target, visibility, start, width: float, learning_rate: float, iterations: int) -> np.ndarray:
    """Gradient descent on heatmap_cost over the centre. start: (2,). Returns the path (iterations + 1, 2)."""
    gradient = lambda center: heatmap_gradient(center, target, visibility, width)  # noqa: E731
    return minimize(gradient, _as_float_array(start, "start"), learning_rate, iterations).path


def observed_mask(values, strength: float, missing_share: float, uniforms) -> np.ndarray:
    """Which targets are observed (True) when each is missing with probability
    sigmoid(strength * z_i + logit(missing_share)), z_i the standardized value of example i.

    values: (..., m) what the chance of being missing depends on (leading axes: data sets): the
    targets Y themselves (missing not at random, MNAR: large targets go missing more often), or
    the inputs x (missing at random given x, MAR: the chance depends on x alone).
    uniforms: draws from U(0, 1) of the same shape (pass the same draws to compare settings).
    strength 0 is missing completely at random (MCAR): every target is missing with probability
    missing_share, whatever values holds; at strength > 0 the overall share differs a little
    from missing_share. Returns a bool array of values' shape.
    """
    values = _as_float_array(values, "values")
    uniforms = _same_shape("uniforms", uniforms, values)
    if not 0 < missing_share < 1:
        raise ValueError(f"missing_share must be strictly between 0 and 1, got {missing_share!r}.")
    z = (values - values.mean(axis=-1, keepdims=True)) / values.std(axis=-1, keepdims=True)
    logit = strength * z + np.log(missing_share / (1 - missing_share))
    probability_missing = 0.5 * (1 + np.tanh(logit / 2))  # the sigmoid, without overflow
    return uniforms >= probability_missing
