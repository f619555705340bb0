"""Progress bars for the long Python steps, shown only to a person watching a terminal.

Why a module of its own: four places (sample generation, model training, fine-tune export
and the LLM batches, which run inside dbt's process) decide the same thing — draw a bar or
stay silent — and they must decide it alike. A bar goes to stderr, and only when stderr is
a terminal: a pipe, a log file, CI or pytest's capture get no stray characters, and stdout
(the JSON summaries, the tables, dbt's own lines) is never touched. ``SALARY_INSIGHTS_PROGRESS=0``
turns bars off on a terminal too. A disabled bar is tqdm's no-op: nothing is drawn and
nothing is computed for it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, TypeVar

from tqdm import tqdm

ENV_VAR = "SALARY_INSIGHTS_PROGRESS"
T = TypeVar("T")
# A step of a multi-step job: ``with step("fitting seniority"): ...``
Step = Callable[[str], AbstractContextManager[None]]


def enabled() -> bool:
    """True when a person can see stderr (a terminal) and bars are not turned off."""
    if os.environ.get(ENV_VAR, "").strip() == "0":
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # replaced or closed stderr
        return False


def _shape() -> dict[str, Any]:
    """tqdm's size options for the terminal on stderr.

    tqdm reads the size as (columns - 1, lines - 1), so a terminal that reports 0 x 0 (a
    fresh pseudo-terminal, ``docker run -t`` or ``script`` before their first resize) gives
    it -1 rows, and it then hides every bar as one that does not fit. There the bar is the
    counts alone (``ncols=0``: no graphic, whatever the width) with tqdm's default 20 rows.
    """
    try:
        size = os.get_terminal_size(sys.stderr.fileno())
    except (AttributeError, OSError, ValueError):
        return {"ncols": 0, "nrows": 20}
    if size.columns > 0 and size.lines > 0:
        return {"dynamic_ncols": True}  # follows the window when it is resized
    return {"ncols": 0, "nrows": 20}


def bar(total: int | None, desc: str, unit: str = "it", **options: Any) -> tqdm:
    """A tqdm bar on stderr; a no-op bar when :func:`enabled` is False."""
    shown = enabled()
    return tqdm(
        total=total,
        desc=desc,
        unit=unit,
        file=sys.stderr,
        disable=not shown,
        **{**(_shape() if shown else {}), **options},
    )


def iterate(
    items: Iterable[T], desc: str, total: int | None = None, unit: str = "it"
) -> Iterator[T]:
    """``items`` with a bar advancing per item (closed when the loop ends or breaks)."""
    if total is None and hasattr(items, "__len__"):
        total = len(items)  # type: ignore[arg-type]
    with bar(total, desc, unit) as progress:
        for item in items:
            yield item
            progress.update()


def no_step(label: str) -> AbstractContextManager[None]:
    """The step of a job nobody watches: does nothing."""
    return nullcontext()


@contextmanager
def steps(desc: str, total: int) -> Iterator[Step]:
    """A bar over ``total`` named steps: shows the step under way, advances when it ends."""
    with bar(total, desc, unit="step") as progress:

        @contextmanager
        def step(label: str) -> Iterator[None]:
            progress.set_postfix_str(label)
            yield
            progress.update()

        yield step
