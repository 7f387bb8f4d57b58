"""Hypothesis profiles: ``ci`` for every run (a quarter of the examples), ``thorough`` for ``make test-thorough``.

Choose one with ``pytest --hypothesis-profile=thorough``; ``ci`` is loaded otherwise. A property test that
needs more or fewer examples than the default asks for ``examples(n)``: ``n`` under ``thorough`` (the counts
the suite was written with), scaled down in proportion under ``ci``. Deadlines are off in both: a busy CI
machine is two or three times slower, and tests judge correctness, never wall-clock time.
"""

from __future__ import annotations

from hypothesis import settings

THOROUGH_EXAMPLES = 100  # Hypothesis' own default
CI_EXAMPLES = 25
FEWEST = 5  # below this a property test hardly explores at all

settings.register_profile("thorough", max_examples=THOROUGH_EXAMPLES, deadline=None)
settings.register_profile("ci", max_examples=CI_EXAMPLES, deadline=None)
settings.load_profile("ci")


def examples(thorough: int) -> int:
    """How many examples a test written for ``thorough`` examples draws under the loaded profile."""
    scale = settings.default.max_examples / THOROUGH_EXAMPLES
    return min(thorough, max(FEWEST, round(thorough * scale)))
