"""Energy against volume with physics in the loss: a reference equation of state and a fitted polynomial.

Units throughout: volume V in Å^3 per atom, energy E in eV per atom, pressure and bulk modulus in
eV/Å^3 (multiply by EV_PER_CUBIC_ANGSTROM_IN_GPA, about 160.2, for GPa).

The reference (the "truth" the data are drawn from) is the Vinet equation of state, with the
equilibrium volume V0, the bulk modulus B0, its pressure derivative B0' and the energy E0 at V0:

    w = (V / V0)^(1/3)
    E(V) = E0 + 2 B0 V0 / (B0' - 1)^2 * [2 - (5 + 3 B0' (w - 1) - 3 w) exp(-3/2 (B0' - 1)(w - 1))]
    P(V) = -dE/dV = 3 B0 (1 - w) / w^2 * exp(3/2 (B0' - 1)(1 - w))

so P(V0) = 0 (no pressure at equilibrium) and V0 E''(V0) = -V0 P'(V0) = B0.

The model is the course's linear model in the strain z = 10 [(V0 / V)^(2/3) - 1], which is 0 at V0
and about 1 on the data (the factor 10 keeps the features z, z^2, z^3 of similar sizes):

    E_model(V) = alpha + beta_1 z + beta_2 z^2 + beta_3 z^3 = alpha + X beta^T,    X = [z, z^2, z^3]  (m, 3)

With z' = dz/dV = -(20/3) V0^(2/3) V^(-5/3) and z'' = (100/9) V0^(2/3) V^(-8/3), which are
-20 / (3 V0) and 100 / (9 V0^2) at V0, the two physical quantities at V0 are linear in beta:

    E'(V0)     = beta_1 z'(V0)                              = a_p . beta
    V0 E''(V0) = V0 (beta_1 z''(V0) + 2 beta_2 z'(V0)^2)    = a_b . beta

The physics-informed loss adds their squared errors to the MSE, with the penalty weights gamma_p
and gamma_b (the notebook's names; the arguments lam_p and lam_b here), in Å^6 so that every term
is in eV^2. Its gradient adds two rank-one pieces to the MSE's (d_alpha, d_beta):

    L = (1/m) sum (E_model(V_i) - E_i)^2 + lam_p (a_p . beta)^2 + lam_b (a_b . beta - B0)^2
    dL/dalpha = -(2/m) sum (E_i - E_model(V_i))
    dL/dbeta  = -(2/m) (E - E_model)^T X + 2 lam_p (a_p . beta) a_p + 2 lam_b (a_b . beta - B0) a_b

L is a quadratic in (alpha, beta), so its Hessian is constant and, unless the data are degenerate,
it has a single minimum; `physics_informed_solution` finds it in closed form to check descent.
"""

from __future__ import annotations

import numbers

import numpy as np

from gdlib.minimize import MinimizeResult, minimize
from gdlib.model import predict
from gdlib.mse import mse_cost, mse_gradients
from gdlib.validation import as_alpha, as_beta, as_column, check_iterations, check_learning_rate, check_positive

__all__ = ["EV_PER_CUBIC_ANGSTROM_IN_GPA", "STRAIN_SCALE", "constraint_rows", "heavy_ball_settings",
           "model_energy", "model_pressure", "physics_gradients", "physics_hessian", "physics_informed_fit",
           "physics_informed_solution", "physics_loss", "strain", "strain_features", "vinet_energy",
           "vinet_pressure"]

#: 1 eV/Å^3 in GPa: 1.602176634e-19 J / 1e-30 m^3 = 1.602176634e11 Pa.
EV_PER_CUBIC_ANGSTROM_IN_GPA = 1.602176634e-19 / 1e-30 / 1e9
#: The strain is multiplied by this so that it is about 1 on data within 20 % of V0.
STRAIN_SCALE = 10.0


def _as_volumes(V, name: str = "V") -> np.ndarray:
    """Volumes (N,) or (N, 1), all > 0 -> float (N,)."""
    V = as_column(V, name)[:, 0]
    if (V <= 0).any():
        raise ValueError(f"{name} must hold volumes > 0 (Å^3 per atom), got a smallest value of {V.min():g}.")
    return V


def _check_lambda(value, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number >= 0 (in Å^6), got {value!r}.")
    return float(value)


def vinet_energy(V, V0: float, B0: float, B0_prime: float, E0: float) -> np.ndarray:
    """The Vinet energy E(V) (eV). V: (N,) or (N, 1) volumes (Å^3). Returns (N,)."""
    V = _as_volumes(V)
    V0, B0 = check_positive(V0, "V0"), check_positive(B0, "B0")
    if not B0_prime > 1:
        raise ValueError(f"B0_prime must be a number > 1 for the Vinet form, got {B0_prime!r}.")
    w = (V / V0) ** (1 / 3)
    bracket = 2.0 - (5.0 + 3.0 * B0_prime * (w - 1.0) - 3.0 * w) * np.exp(-1.5 * (B0_prime - 1.0) * (w - 1.0))
    return E0 + 2.0 * B0 * V0 / (B0_prime - 1.0) ** 2 * bracket


def vinet_pressure(V, V0: float, B0: float, B0_prime: float) -> np.ndarray:
    """The Vinet pressure P(V) = -dE/dV (eV/Å^3). V: (N,) or (N, 1). Returns (N,)."""
    V = _as_volumes(V)
    V0, B0 = check_positive(V0, "V0"), check_positive(B0, "B0")
    w = (V / V0) ** (1 / 3)
    return 3.0 * B0 * (1.0 - w) / w**2 * np.exp(1.5 * (B0_prime - 1.0) * (1.0 - w))


def strain(V, V0: float) -> np.ndarray:
    """z = STRAIN_SCALE [(V0 / V)^(2/3) - 1], zero at V0. V: (N,) or (N, 1). Returns (N,)."""
    V = _as_volumes(V)
    return STRAIN_SCALE * ((check_positive(V0, "V0") / V) ** (2 / 3) - 1.0)


def strain_features(V, V0: float) -> np.ndarray:
    """X = [z, z^2, z^3], the features of the model. V: (N,) or (N, 1). Returns X (N, 3)."""
    z = strain(V, V0)
    return np.column_stack([z, z**2, z**3])


def model_energy(V, V0: float, alpha, beta) -> np.ndarray:
    """E_model(V) = alpha + X beta^T (eV). V: (N,); alpha (1, 1); beta (1, 3). Returns (N,)."""
    return predict(strain_features(V, V0), alpha, beta)[:, 0]


def model_pressure(V, V0: float, beta) -> np.ndarray:
    """P_model(V) = -dE_model/dV = -(beta_1 + 2 beta_2 z + 3 beta_3 z^2) z'(V) (eV/Å^3).

    V: (N,); beta (1, 3). Returns (N,).
    """
    V = _as_volumes(V)
    V0 = check_positive(V0, "V0")
    b1, b2, b3 = as_beta(beta, 3)[0]
    z = strain(V, V0)
    z_prime = -(2 / 3) * STRAIN_SCALE * V0 ** (2 / 3) * V ** (-5 / 3)
    return -(b1 + 2 * b2 * z + 3 * b3 * z**2) * z_prime


def constraint_rows(V0: float) -> tuple[np.ndarray, np.ndarray]:
    """The rows a_p, a_b (each (3,)) with E'(V0) = a_p . beta and V0 E''(V0) = a_b . beta."""
    V0 = check_positive(V0, "V0")
    z_prime = -2.0 * STRAIN_SCALE / (3.0 * V0)
    z_second = 10.0 * STRAIN_SCALE / (9.0 * V0**2)
    return np.array([z_prime, 0.0, 0.0]), V0 * np.array([z_second, 2.0 * z_prime**2, 0.0])


def _checked(V, E, V0, B0, lam_p, lam_b):
    V = _as_volumes(V)
    E = as_column(E, "E", V.size, reference="V")
    return (V, E, check_positive(V0, "V0"), check_positive(B0, "B0"),
            _check_lambda(lam_p, "lam_p"), _check_lambda(lam_b, "lam_b"))


def physics_loss(V, E, alpha, beta, *, V0: float, B0: float, lam_p: float, lam_b: float) -> float:
    """L = MSE + lam_p E'(V0)^2 + lam_b (V0 E''(V0) - B0)^2 (eV^2).

    V: (N,) volumes; E: (N,) or (N, 1) energies; alpha (1, 1); beta (1, 3); lam_p, lam_b >= 0 (Å^6).
    """
    V, E, V0, B0, lam_p, lam_b = _checked(V, E, V0, B0, lam_p, lam_b)
    a_p, a_b = constraint_rows(V0)
    beta = as_beta(beta, 3)
    return (mse_cost(strain_features(V, V0), E, alpha, beta)
            + lam_p * float(a_p @ beta[0]) ** 2 + lam_b * (float(a_b @ beta[0]) - B0) ** 2)


def physics_gradients(V, E, alpha, beta, *, V0: float, B0: float, lam_p: float,
                      lam_b: float) -> tuple[np.ndarray, np.ndarray]:
    """(dL/dalpha (1, 1), dL/dbeta (1, 3)) of physics_loss; same arguments."""
    V, E, V0, B0, lam_p, lam_b = _checked(V, E, V0, B0, lam_p, lam_b)
    a_p, a_b = constraint_rows(V0)
    beta = as_beta(beta, 3)
    d_alpha, d_beta = mse_gradients(strain_features(V, V0), E, alpha, beta)
    d_beta = d_beta + 2 * lam_p * float(a_p @ beta[0]) * a_p + 2 * lam_b * (float(a_b @ beta[0]) - B0) * a_b
    return d_alpha, d_beta


def physics_hessian(V, *, V0: float, lam_p: float, lam_b: float) -> np.ndarray:
    """The constant Hessian of L in theta = (alpha, beta_1, beta_2, beta_3): (4, 4).

    (2/N) A^T A + 2 lam_p a_p a_p^T + 2 lam_b a_b a_b^T with A = [1, X], the penalty rows padded
    with a 0 for alpha. V: (N,) volumes.
    """
    V = _as_volumes(V)
    V0 = check_positive(V0, "V0")
    A = np.column_stack([np.ones(V.size), strain_features(V, V0)])
    a_p, a_b = (np.concatenate([[0.0], row]) for row in constraint_rows(V0))
    lam_p, lam_b = _check_lambda(lam_p, "lam_p"), _check_lambda(lam_b, "lam_b")
    return 2.0 / V.size * A.T @ A + 2 * lam_p * np.outer(a_p, a_p) + 2 * lam_b * np.outer(a_b, a_b)


def heavy_ball_settings(hessian) -> tuple[float, float]:
    """Polyak's best heavy-ball (learning_rate, momentum) for a quadratic with this Hessian.

    With the extreme eigenvalues lambda_min (> 0) and lambda_max of the Hessian:
    learning_rate = 4 / (sqrt lambda_max + sqrt lambda_min)^2 and
    momentum = ((sqrt lambda_max - sqrt lambda_min) / (sqrt lambda_max + sqrt lambda_min))^2.
    The error then shrinks by about (sqrt kappa - 1) / (sqrt kappa + 1) per step, kappa the
    condition number lambda_max / lambda_min, against (kappa - 1) / (kappa + 1) for plain steps:
    far faster when kappa is large.
    hessian: (p, p) symmetric positive definite. Returns two floats.
    """
    eigenvalues = np.linalg.eigvalsh(np.asarray(hessian, dtype=float))
    smallest, largest = float(eigenvalues[0]), float(eigenvalues[-1])
    if not smallest > 0:
        raise ValueError(f"hessian must be positive definite, got a smallest eigenvalue of {smallest:g}.")
    root_low, root_high = np.sqrt(smallest), np.sqrt(largest)
    return 4.0 / (root_high + root_low) ** 2, ((root_high - root_low) / (root_high + root_low)) ** 2


def physics_informed_fit(V, E, *, V0: float, B0: float, lam_p: float, lam_b: float, learning_rate: float,
                         iterations: int, momentum: float = 0.0,
                         tolerance: float = 0.0) -> tuple[np.ndarray, np.ndarray, MinimizeResult]:
    """Minimise physics_loss by gradient descent (with optional momentum) from alpha = 0, beta = 0.

    V: (N,); E: (N,) or (N, 1); lam_p, lam_b >= 0 (both 0: the plain MSE fit).
    The parameters travel as one vector theta = (alpha, beta_1, beta_2, beta_3) through gdlib.minimize.
    Returns (alpha (1, 1), beta (1, 3), the MinimizeResult whose path is (k + 1, 4) and costs L).
    """
    V, E, V0, B0, lam_p, lam_b = _checked(V, E, V0, B0, lam_p, lam_b)
    check_learning_rate(learning_rate)
    check_iterations(iterations)
    X = strain_features(V, V0)
    a_p, a_b = constraint_rows(V0)
    m = V.size

    def gradient(theta):  # the same formulas as physics_gradients, without re-validating each step
        beta = theta[1:]
        residual = E[:, 0] - theta[0] - X @ beta
        d_beta = -2.0 / m * residual @ X + 2 * lam_p * (a_p @ beta) * a_p + 2 * lam_b * (a_b @ beta - B0) * a_b
        return np.concatenate([[-2.0 / m * residual.sum()], d_beta])

    def cost(theta):
        residual = E[:, 0] - theta[0] - X @ theta[1:]
        return residual @ residual / m + lam_p * (a_p @ theta[1:]) ** 2 + lam_b * (a_b @ theta[1:] - B0) ** 2

    result = minimize(gradient, np.zeros(4), learning_rate, iterations, cost=cost, momentum=momentum,
                      tolerance=tolerance)
    return as_alpha(result.x[0]), as_beta(result.x[1:], 3), result


def physics_informed_solution(V, E, *, V0: float, B0: float, lam_p: float,
                              lam_b: float) -> tuple[np.ndarray, np.ndarray]:
    """The exact minimiser of physics_loss, by least squares on stacked rows.

    L is ||M theta - t||^2 with M = [A / sqrt N; sqrt(lam_p) a_p; sqrt(lam_b) a_b] (A = [1, X])
    and t = [E / sqrt N; 0; sqrt(lam_b) B0], so numpy.linalg.lstsq solves it.
    Returns (alpha (1, 1), beta (1, 3)).
    """
    V, E, V0, B0, lam_p, lam_b = _checked(V, E, V0, B0, lam_p, lam_b)
    root_m = np.sqrt(V.size)
    A = np.column_stack([np.ones(V.size), strain_features(V, V0)])
    a_p, a_b = (np.concatenate([[0.0], row]) for row in constraint_rows(V0))
    M = np.vstack([A / root_m, np.sqrt(lam_p) * a_p, np.sqrt(lam_b) * a_b])
    t = np.concatenate([E[:, 0] / root_m, [0.0, np.sqrt(lam_b) * B0]])
    theta = np.linalg.lstsq(M, t, rcond=None)[0]
    return as_alpha(theta[0]), as_beta(theta[1:], 3)
