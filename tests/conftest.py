"""Shared test settings: matplotlib draws off screen, and two hypothesis profiles.

- "ci" (the default): derandomized, no example database, 60 examples per property. CI and
  `make test` run the same cases every time, so a run that passes today passes tomorrow.
- "explore": random, 500 examples per property, and failures are remembered in the example
  database in .hypothesis/ (gitignored), so the next run tries them first. For local runs
  that hunt for new failing cases:

      HYPOTHESIS_PROFILE=explore .venv/bin/pytest tests/test_properties.py

  The strategies (tests/strategies.py) draw the arrays themselves, so a failure shrinks to a
  small X, Y, alpha, beta and is printed as those arrays. Turn a case worth keeping into an
  @example or a plain unit test.

"course" is the old name of "ci", kept so that HYPOTHESIS_PROFILE=course still works.
"""

import os

import matplotlib
from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

matplotlib.use("Agg")

_FIXED = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "max_examples": 60,
    "suppress_health_check": [HealthCheck.too_slow],
}
settings.register_profile("ci", **_FIXED)
settings.register_profile("course", **_FIXED)
settings.register_profile(
    "explore",
    derandomize=False,
    database=DirectoryBasedExampleDatabase(os.path.join(os.path.dirname(os.path.dirname(__file__)), ".hypothesis",
                                                        "examples")),
    deadline=None,
    max_examples=500,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
