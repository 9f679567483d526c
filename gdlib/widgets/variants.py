"""The slider figure of notebook 08: batch size, learning rate and epochs of mini-batch descent."""

from __future__ import annotations

import ipywidgets

from gdlib.lessons.gd_variants import heavy_ball_theory, house_prices
from gdlib.plots.variants import variants_view
from gdlib.scaling import standardize
from gdlib.widgets import SliderFigure, int_slider, log_slider

#: The batch sizes offered: stochastic, small and large mini-batches, and the whole data set.
BATCH_SIZES = (1, 5, 20, 50, 200)
#: The most epochs offered: 20 epochs of stochastic updates are 4,000 updates, still drawn quickly.
MAX_EPOCHS = 20


def variants_explorer() -> SliderFigure:
    """Sliders for the batch size, the learning rate (log scale) and the epochs, on the standardized
    houses of notebook 08, beside batch gradient descent at its best constant rate
    2 / (lambda_min + lambda_max) (dashed).

    Returns a SliderFigure (call .show() in a notebook). Defaults: batch size 20, learning rate
    0.1 and 20 epochs, where the mini-batch run is far ahead of the batch run per example seen
    at first, then levels off at its noise floor while the batch run keeps going down.
    """
    X, Y = house_prices()
    Z, _, _ = standardize(X)
    best_batch_rate = heavy_ball_theory(Z)["gd_learning_rate"]
    figure, update = variants_view(Z, Y, reference_learning_rate=best_batch_rate, max_epochs=MAX_EPOCHS)
    batch_size = ipywidgets.SelectionSlider(
        options=BATCH_SIZES, value=20, description="batch size", continuous_update=False,
        style={"description_width": "9em"}, layout=ipywidgets.Layout(width="32em"),
    )
    controls = {
        "batch_size": batch_size,
        "learning_rate": log_slider("learning rate", 0.1, 1e-3, 1.0),
        "epochs": int_slider("epochs", 20, 1, MAX_EPOCHS),
    }
    return SliderFigure(figure, update, controls)
