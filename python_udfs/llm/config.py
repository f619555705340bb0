"""Settings of the LLM UDFs: one frozen dataclass, read from the environment and overrides.

The environment is where secrets belong (``OPENAI_API_KEY``), and a dbt-duckdb plugin config
dict is where a project pins its choices; overrides therefore win over the environment. Both
sources hand us strings, and both use ``None`` or ``""`` for "not set", so every value is
parsed and range-checked here once, with an error naming the setting, instead of failing
deep inside a thread pool on the first row.

The API key is kept out of ``repr``/``str`` (``field(repr=False)``) and is never echoed in
an error message, so a config can be logged safely.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any

# Field -> environment variable. Fields not listed here can only be set by overrides.
ENV_VARS: dict[str, str] = {
    "api_key": "OPENAI_API_KEY",
    "base_url": "OPENAI_BASE_URL",
    "model": "SALARY_INSIGHTS_LLM_MODEL",
    "temperature": "SALARY_INSIGHTS_LLM_TEMPERATURE",
    "timeout_s": "SALARY_INSIGHTS_LLM_TIMEOUT_S",
    "max_concurrency": "SALARY_INSIGHTS_LLM_MAX_CONCURRENCY",
    "requests_per_minute": "SALARY_INSIGHTS_LLM_RPM",
    "max_retries": "SALARY_INSIGHTS_LLM_MAX_RETRIES",
    "max_llm_calls": "SALARY_INSIGHTS_LLM_MAX_CALLS",
    "max_error_ratio": "SALARY_INSIGHTS_LLM_MAX_ERROR_RATIO",
    "cache_path": "SALARY_INSIGHTS_LLM_CACHE",
    "progress_interval_s": "SALARY_INSIGHTS_LLM_PROGRESS_S",
    "outage_threshold": "SALARY_INSIGHTS_LLM_OUTAGE_THRESHOLD",
    "max_run_s": "SALARY_INSIGHTS_LLM_MAX_RUN_S",
}

# Field -> (number type, lowest allowed, highest allowed, lowest is exclusive).
_RANGES: dict[str, tuple[type, float | None, float | None, bool]] = {
    "temperature": (float, 0.0, 2.0, False),
    "timeout_s": (float, 0.0, None, True),
    "max_concurrency": (int, 1, None, False),
    "requests_per_minute": (float, 0.0, None, True),
    "max_retries": (int, 0, None, False),
    "backoff_base_s": (float, 0.0, None, False),
    "backoff_max_s": (float, 0.0, None, False),
    "breaker_threshold": (int, 1, None, False),
    "outage_threshold": (int, 1, None, False),
    "max_run_s": (float, 0.0, None, True),
    "max_llm_calls": (int, 0, None, False),
    "max_error_ratio": (float, 0.0, 1.0, False),
    "progress_interval_s": (float, 0.0, None, True),
}
_OPTIONAL = frozenset(
    {"requests_per_minute", "max_llm_calls", "max_run_s"}
)  # None is a valid value


# a URL's credentials: user:password@ and query parameters that carry a key or token
_URL_USERINFO = re.compile(r"//[^/@\s]*@")
_SECRET_PARAM = re.compile(
    r"(?i)([?&;][^=&#\s]*(?:key|token|secret|password|passwd|pwd|sig|signature|auth)"
    r"[^=&#\s]*=)[^&#\s'\"]*"
)


def redact_url(text: str) -> str:
    """``text`` with every URL credential masked: user:password@ and key/token parameters.

    A base URL such as ``https://gw.example/v1?api-key=...`` (Azure-style gateways) must not
    reach a message, a log line or a stored error.
    """
    return _SECRET_PARAM.sub(r"\1***", _URL_USERINFO.sub("//***@", text))


def _label(name: str) -> str:
    """How an error names a setting: the field and, when it has one, its environment variable."""
    env = ENV_VARS.get(name)
    return f"{name} ({env})" if env else name


def _parse_number(name: str, value: Any) -> int | float:
    """A string or number as the field's number type; ValueError naming the setting otherwise.

    Booleans and other types are a TypeError: ``max_retries: true`` in a profile is a mistake,
    not 1 retry.
    """
    kind = _RANGES[name][0]
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise TypeError(f"LLM setting {_label(name)}: expected a number, got {value!r}")
    try:
        number = kind(value.strip()) if isinstance(value, str) else value
    except ValueError:
        expected = "an integer" if kind is int else "a number"
        raise ValueError(
            f"LLM setting {_label(name)}: expected {expected}, got {value!r}"
        ) from None
    if not math.isfinite(number):
        raise ValueError(f"LLM setting {_label(name)}: expected a finite number, got {value!r}")
    if kind is int and number != int(number):
        raise ValueError(f"LLM setting {_label(name)}: expected an integer, got {value!r}")
    return kind(number)


def _unset(value: Any) -> bool:
    """None and blank strings mean "not set" in both the environment and plugin configs."""
    return value is None or (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class LLMConfig:
    """Everything the LLM client and the UDF runner need; validated on construction."""

    api_key: str | None = field(default=None, repr=False)
    base_url: str | None = field(default=None, repr=False)  # may carry a key: redact_url
    model: str = "gpt-4o-mini"
    temperature: float = 0.0
    timeout_s: float = 30.0
    max_concurrency: int = 8
    requests_per_minute: float | None = None  # None = unlimited
    max_retries: int = 5
    backoff_base_s: float = 0.5
    backoff_max_s: float = 30.0
    breaker_threshold: int = 3  # consecutive non-retryable errors that open the circuit
    # consecutive failed attempts with no answer (connection errors, timeouts, 5xx, 429)
    # that open the circuit: an unreachable or failing endpoint stops the run's calls
    outage_threshold: int = 10
    # seconds the LLM stage may spend in a run (from its first call); inputs not asked by
    # then are over_budget and asked next run. None = no limit
    max_run_s: float | None = None
    max_llm_calls: int | None = None  # per run, enforced by the runner
    max_error_ratio: float = 0.2  # enforced by the runner
    cache_path: str | None = None  # used by the runner
    progress_interval_s: float = 5.0

    def __post_init__(self) -> None:
        """Parse and range-check every value however the config was built (env, dict, code).

        Numbers given as strings are converted in place, and blank optional strings become
        None, so ``LLMConfig(max_concurrency="4")`` and ``from_env`` behave the same.
        """
        for name in ("api_key", "base_url", "cache_path"):
            value = getattr(self, name)
            object.__setattr__(self, name, None if _unset(value) else str(value).strip())
        if _unset(self.model):
            raise ValueError(f"LLM setting {_label('model')}: must be a non-empty model name")
        object.__setattr__(self, "model", str(self.model).strip())
        for name, (_, low, high, low_exclusive) in _RANGES.items():
            value = getattr(self, name)
            if _unset(value) and name in _OPTIONAL:
                object.__setattr__(self, name, None)
                continue
            number = _parse_number(name, value)
            too_low = low is not None and (number <= low if low_exclusive else number < low)
            if too_low or (high is not None and number > high):
                bound = f"> {low:g}" if low_exclusive else f">= {low:g}"
                bounds = f"between {low:g} and {high:g}" if high is not None else bound
                raise ValueError(f"LLM setting {_label(name)}: must be {bounds}, got {value!r}")
            object.__setattr__(self, name, number)

    @property
    def enabled(self) -> bool:
        """True iff an API key or a base URL is set: without either there is nothing to call."""
        return bool(self.api_key or self.base_url)  # blanks were turned into None on init

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> LLMConfig:
        """Build a config from ``environ`` (default ``os.environ``), then ``overrides``.

        Override values may be strings (as in a dbt profile) or typed values; ``None`` or
        ``""`` leaves the setting to the environment or the default. Unknown override names
        raise TypeError, like an unexpected keyword argument.
        """
        environ = os.environ if environ is None else environ
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(overrides) - known)
        if unknown:
            raise TypeError(f"unknown LLM setting(s) {unknown}; expected some of {sorted(known)}")
        values: dict[str, Any] = {name: environ.get(env) for name, env in ENV_VARS.items()}
        values.update({name: value for name, value in overrides.items() if not _unset(value)})
        return cls(**{name: value for name, value in values.items() if not _unset(value)})
