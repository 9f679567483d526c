"""gdlib: the machinery behind the course on gradient descent and the mean squared error.

Notation (one convention everywhere): X (m, n) inputs, Y (m, 1) targets, alpha (1, 1) bias,
beta (1, n) weights, predictions Y_hat = alpha + X beta^T (m, 1).
"""

from gdlib import losses
from gdlib.activations import sigmoid, softmax
from gdlib.checks import numerical_gradient
from gdlib.curvature import critical_learning_rate, mse_hessian
from gdlib.data import data_path, load_anscombe, load_worked_example, load_worked_example_start
from gdlib.descent import DescentResult, gradient_descent
from gdlib.exercises import Exercise
from gdlib.minimize import minimize
from gdlib.model import predict
from gdlib.mse import least_squares, mse_cost, mse_gradients
from gdlib.scaling import standardize, unstandardize_parameters

__all__ = [
    "DescentResult",
    "Exercise",
    "critical_learning_rate",
    "data_path",
    "gradient_descent",
    "least_squares",
    "load_anscombe",
    "load_worked_example",
    "load_worked_example_start",
    "minimize",
    "losses",
    "mse_cost",
    "mse_gradients",
    "mse_hessian",
    "numerical_gradient",
    "predict",
    "sigmoid",
    "softmax",
    "standardize",
    "unstandardize_parameters",
]
__version__ = "0.1.0"
