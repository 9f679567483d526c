"""One call at the top of every notebook makes its output the same on every machine."""

from __future__ import annotations

import matplotlib
import numpy as np

from gdlib.plots import apply_style

#: Decimals printed for every array in the course.
PRINT_PRECISION = 4


def setup() -> None:
    """Fix print precision, the figure style and the inline figure format for a notebook.

    Arrays print with PRINT_PRECISION decimals and no scientific notation for ordinary sizes,
    figures use the course's colour-blind-safe style and render as PNG, so that executing a
    notebook twice gives the same text outputs (which nbval compares).
    """
    np.set_printoptions(precision=PRINT_PRECISION, suppress=True, floatmode="fixed", linewidth=100)
    apply_style()
    try:
        from IPython import get_ipython
        from matplotlib_inline.backend_inline import set_matplotlib_formats
    except ImportError:  # plain Python: nothing more to set
        return
    if get_ipython() is not None:
        matplotlib.use("module://matplotlib_inline.backend_inline")
        set_matplotlib_formats("retina", bbox_inches=None)
