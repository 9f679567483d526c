"""Exercises a learner checks alone.

Exercise: a question answered with a number, an array or True/False.
check_*: a function the learner writes, run on held-out cases and compared with gdlib; a wrong one
is told which classic mistake it matches. Each returns a CheckResult (.passed, .message).
"""

from gdlib.exercises.answers import Exercise
from gdlib.exercises.checking import CheckResult
from gdlib.exercises.derivation import check_mse_gradients, check_numerical_gradient
from gdlib.exercises.feature_scaling import check_standardize
from gdlib.exercises.heavy_tails import check_least_squares_slopes
from gdlib.exercises.knowledge_in_the_loss import check_unit_vector_gradient
from gdlib.exercises.learning_rate import check_critical_learning_rate
from gdlib.exercises.loss_landscapes import check_tanh_unit_gradient
from gdlib.exercises.minibatch_descent import check_minibatch_epoch
from gdlib.exercises.momentum import check_momentum_step
from gdlib.exercises.mse_beyond_regression import check_reconstruction_gradient
from gdlib.exercises.robust_losses import check_huber_gradients
from gdlib.exercises.tailoring_mse import check_masked_mse_gradients
from gdlib.exercises.vanishing_gradients import check_cross_entropy_dz, check_mse_sigmoid_dz
from gdlib.exercises.why_squares import check_nll_gradients
from gdlib.exercises.worked_example import check_gradient_descent

__all__ = [
    "CheckResult",
    "Exercise",
    "check_critical_learning_rate",
    "check_cross_entropy_dz",
    "check_gradient_descent",
    "check_huber_gradients",
    "check_least_squares_slopes",
    "check_masked_mse_gradients",
    "check_minibatch_epoch",
    "check_momentum_step",
    "check_mse_gradients",
    "check_mse_sigmoid_dz",
    "check_nll_gradients",
    "check_numerical_gradient",
    "check_reconstruction_gradient",
    "check_standardize",
    "check_tanh_unit_gradient",
    "check_unit_vector_gradient",
]
