"""A thread-safe chat-completions client that survives what real LLM endpoints do.

The UDF runner calls :meth:`LLMClient.complete` from a pool of threads, one row per call, so
everything that decides *whether and when* a request is sent lives here, shared by all
threads: our own retry loop (the SDK's is off, so attempts are counted and Retry-After is
honoured exactly once), a rate limiter every attempt passes through, a circuit breaker that
stops a run after a few authentication or model-not-found errors instead of failing 100k rows
one by one, and a one-way switch to JSON mode for servers without ``json_schema`` support
(some Ollama / llama.cpp versions).

Validating the answer is not this module's job: :class:`Completion` carries the raw content,
and the pydantic models of :mod:`python_udfs.llm.schemas` judge it.

The API key never leaves the SDK: every error text is sanitised (the key replaced by ``***``,
truncated) before it reaches an exception, a log line or a result row.
"""

from __future__ import annotations

import email.utils
import functools
import json
import logging
import random
import re
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import openai
from pydantic import BaseModel

from . import schemas
from .config import ENV_VARS, LLMConfig, redact_url
from .errors import CircuitOpenError, LLMCallError

log = logging.getLogger(__name__)

ERROR_MAX_CHARS = 200
JSON_MODE_INSTRUCTION = (
    "\n\nAnswer with one JSON object only, no other text, matching this JSON schema "
    "(every property present, null when unknown):\n{schema}"
)
_RETRYABLE_STATUS = frozenset({408, 409, 429})  # plus every 5xx
# Non-retryable statuses that open the breaker: sending more rows will not fix them.
_BREAKER_KINDS = {401: "auth", 403: "permission", 404: "not_found"}
# Failed attempts that got no answer: outage_threshold of them in a row, across all
# threads, open the breaker too (an unreachable or failing endpoint).
_OUTAGE_KINDS = frozenset(
    {"connection", "timeout", "server_error", "rate_limited", "invalid_response"}
)


@dataclass(frozen=True)
class Completion:
    """One successful answer, with what it cost (tokens, time, retries)."""

    content: str | None  # raw assistant message content (JSON text expected)
    refusal: str | None  # the message.refusal text, if the model refused
    prompt_tokens: int
    completion_tokens: int
    latency_s: float  # wall time of the whole complete() call incl. retries and waits
    retries: int  # retry attempts made (0 when the first attempt succeeded)
    mode: str  # 'json_schema' or 'json_object'


@dataclass(frozen=True)
class _Failure:
    """One failed attempt, classified: what went wrong and whether another try may help."""

    kind: str
    text: str  # unsanitised: every use goes through LLMClient._clean
    status_code: int | None = None
    code: str | None = None  # the API's error code, e.g. 'model_not_found'
    wait: float | None = None  # what the server asked for (Retry-After), capped
    retryable: bool = True

    def describe(self) -> str:
        """'HTTP 429: <server message>', or just the text when there was no HTTP answer."""
        return f"HTTP {self.status_code}: {self.text}" if self.status_code else self.text


class RateLimiter:
    """Spaced slots: attempts start at least ``60 / rpm`` seconds apart, across all threads.

    Strict spacing (no burst) is the simplest schedule that can never exceed a provider's
    per-minute limit, whatever the thread count; a lock hands out slots, the wait is outside.
    """

    def __init__(self, requests_per_minute: float | None, sleep: Callable[[float], None]) -> None:
        self._interval = 60.0 / requests_per_minute if requests_per_minute else 0.0
        self._sleep = sleep
        self._lock = threading.Lock()
        self._next_slot = 0.0

    def acquire(self) -> None:
        """Wait for this caller's slot; returns at once when there is no limit."""
        if not self._interval:
            return
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot)
            self._next_slot = slot + self._interval
        if slot > now:
            self._sleep(slot - now)


def retry_after_s(headers: Mapping[str, str] | None) -> float | None:
    """Seconds a server asked us to wait (``retry-after-ms``, or ``Retry-After`` seconds/date)."""
    if not headers:
        return None
    headers = {name.lower(): value for name, value in headers.items()}
    for name, scale in (("retry-after-ms", 0.001), ("retry-after", 1.0)):
        value = headers.get(name)
        if value is None:
            continue
        try:
            return max(0.0, float(value) * scale)
        except ValueError:
            pass
    try:
        date = email.utils.parsedate_to_datetime(headers.get("retry-after") or "")
    except (TypeError, ValueError):
        return None
    return max(0.0, date.timestamp() - time.time())


class LLMClient:
    """Sends chat completions for structured extraction; share one instance across threads."""

    def __init__(
        self,
        config: LLMConfig,
        *,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._rng_lock = threading.Lock()  # random.Random is not documented as thread-safe
        self._openai = openai.OpenAI(
            api_key=config.api_key or "not-needed",
            base_url=config.base_url,
            timeout=_timeout(config),
            max_retries=0,
            http_client=_http_client(config),
        )
        self._limiter = RateLimiter(config.requests_per_minute, sleep)
        self._lock = threading.Lock()
        self._json_object_mode = False
        self._consecutive_fatal = 0
        self._consecutive_outage = 0
        self._circuit: CircuitOpenError | None = None
        self._counts = dict.fromkeys(
            ("attempts", "retries", "rate_limited", "server_errors", "timeouts",
             "fallbacks_to_json_object"), 0)  # fmt: skip

    def __repr__(self) -> str:
        return f"LLMClient(model={self.config.model!r}, base_url={self._endpoint()!r})"

    @property
    def circuit_open(self) -> CircuitOpenError | None:
        """The error every call raises once the breaker is open; None while it is closed."""
        return self._circuit

    def stats(self) -> dict[str, int | bool]:
        """Counters since construction, for progress lines and the run summary."""
        with self._lock:
            return {**self._counts, "breaker_open": self._circuit is not None}

    def complete(self, system: str, user: str, response_model: type[BaseModel]) -> Completion:
        """One answer for (system, user) constrained to ``response_model``'s JSON schema.

        Raises LLMCallError when the call failed for good, CircuitOpenError when the breaker
        is (or by this call becomes) open.
        """
        started = time.monotonic()
        retries = 0
        while True:
            self._raise_if_open()
            self._limiter.acquire()
            self._raise_if_open()
            json_object = self._json_object_mode
            result = self._attempt(self._request(system, user, response_model, json_object))
            if result is None:
                continue  # switched to JSON mode: not a retry, the same request re-phrased
            if not isinstance(result, _Failure):
                with self._lock:
                    self._consecutive_fatal = 0
                    self._consecutive_outage = 0
                return self._completion(result, started, retries, json_object)
            if result.status_code in _BREAKER_KINDS:
                raise self._breaker_error(result, retries) from None
            if result.kind in _OUTAGE_KINDS:
                self._note_outage(result, retries)
            if not result.retryable or retries >= self.config.max_retries:
                after = f" after {retries} {'retry' if retries == 1 else 'retries'}"
                after = after if result.retryable else ""
                raise LLMCallError(
                    self._clean(f"LLM call failed{after} ({result.kind}): {result.describe()}"),
                    kind=result.kind, retries=retries, status_code=result.status_code,
                )  # fmt: skip
            delay = result.wait if result.wait is not None else self._backoff(retries)
            log.debug("LLM %s, retry %d in %.2f s: %s", result.kind, retries + 1, delay,
                      self._clean(result.describe()))  # fmt: skip
            self._sleep(delay)
            retries += 1
            self._count("retries")

    def _attempt(self, request: dict[str, Any]) -> Any:
        """Send once: the SDK response, a _Failure, or None after switching to JSON mode."""
        self._count("attempts")
        try:
            raw = self._openai.chat.completions.with_raw_response.create(**request)
            return self._parsed(raw)
        except openai.APIStatusError as exc:
            sent_format = request["extra_body"]["response_format"]
            if sent_format["type"] == "json_schema" and _lacks_json_schema(exc):
                self._switch_to_json_object(exc)
                return None
            return self._status_failure(exc)
        except openai.APITimeoutError:
            self._count("timeouts")
            return _Failure("timeout", f"no answer within {self.config.timeout_s:g} s")
        except openai.APIConnectionError as exc:
            cause = exc.__cause__ or exc.__context__
            reason = f"{exc.message} ({type(cause).__name__}: {cause})" if cause else exc.message
            return _Failure("connection", f"cannot connect to {self._endpoint()}: {reason}")
        except openai.APIError as exc:  # e.g. an unparseable 200 body
            return _Failure("invalid_response", exc.message, retryable=False)

    def _parsed(self, raw: Any) -> Any:
        """The chat completion of an HTTP 200, or a _Failure naming what came back instead.

        A proxy's login page, a web UI, a text error or a body cut mid-way all arrive as
        HTTP 200 from some servers; the SDK then hands back a string or raises deep inside.
        """
        content_type = (raw.headers.get("content-type") or "?").split(";")[0]
        try:
            response = raw.parse()
        except Exception as exc:  # noqa: BLE001 - any unparseable body is a row status
            return self._not_a_completion(raw, content_type, type(exc).__name__)
        if isinstance(response, (str, bytes)) or not isinstance(
            getattr(response, "choices", None), list
        ):
            return self._not_a_completion(raw, content_type, "no choices")
        return response

    def _not_a_completion(self, raw: Any, content_type: str, why: str) -> _Failure:
        try:
            body = raw.http_response.text
        except Exception:  # noqa: BLE001 - a body that cannot even be read as text
            body = ""
        snippet = " ".join(body.split())[:80]
        return _Failure(
            "invalid_response",
            f"HTTP 200 with a {content_type} body that is not an OpenAI chat completion "
            f"({why}): {snippet!r}",
            status_code=None,
            retryable=False,
        )

    # ------------------------------------------------------------ request and response
    def _request(
        self, system: str, user: str, model: type[BaseModel], json_object: bool
    ) -> dict[str, Any]:
        """Keyword arguments of chat.completions.create for one attempt."""
        if json_object:
            schema = json.dumps(schemas.json_schema_for(model))
            system += JSON_MODE_INSTRUCTION.format(schema=schema)
            response_format: dict[str, Any] = {"type": "json_object"}
        else:
            response_format = _response_format(model)
        return {
            "model": self.config.model,
            "temperature": self.config.temperature,
            "messages": [{"role": "system", "content": system},
                         {"role": "user", "content": user}],
            # the same JSON on the wire as response_format=..., but the SDK does not walk
            # the whole schema through its type transform on every call (~1 ms of GIL each)
            "extra_body": {"response_format": response_format},
        }  # fmt: skip

    def _completion(
        self, response: Any, started: float, retries: int, json_object: bool
    ) -> Completion:
        """The Completion of a 200 answer; an answer without a choice is an invalid response."""
        if not response.choices:
            raise LLMCallError(
                "LLM answer has no choices", kind="invalid_response", retries=retries
            )
        message = response.choices[0].message
        usage = response.usage
        return Completion(
            content=message.content,
            refusal=getattr(message, "refusal", None),
            prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
            completion_tokens=getattr(usage, "completion_tokens", 0) or 0,
            latency_s=time.monotonic() - started,
            retries=retries,
            mode="json_object" if json_object else "json_schema",
        )

    # ------------------------------------------------------------ failures
    def _status_failure(self, exc: openai.APIStatusError) -> _Failure:
        """Classify an HTTP error; retryable ones carry the server's Retry-After, capped."""
        status, text = exc.status_code, _error_text(exc)
        if status == 429 or status >= 500:
            self._count("rate_limited" if status == 429 else "server_errors")
        if status in _RETRYABLE_STATUS or status >= 500:
            asked = retry_after_s(exc.response.headers)
            wait = None if asked is None else min(asked, self.config.backoff_max_s)
            kind = "rate_limited" if status == 429 else "server_error"
            return _Failure(kind, text, status, exc.code, wait)
        kind = _BREAKER_KINDS.get(status, "bad_request")
        return _Failure(kind, text, status, exc.code, retryable=False)

    def _breaker_error(self, failure: _Failure, retries: int) -> LLMCallError:
        """Count a breaker error; once the count tips, the open circuit is the error to raise."""
        with self._lock:
            self._consecutive_fatal += 1
            tipped = self._consecutive_fatal >= self.config.breaker_threshold
            if self._circuit is None and tipped:
                self._circuit = CircuitOpenError(
                    self._breaker_message(failure), kind="circuit_open",
                    retries=retries, status_code=failure.status_code,
                )  # fmt: skip
                log.error("%s", self._circuit.message)
            if self._circuit is not None:
                return self._circuit
        text = self._clean(f"LLM call failed ({failure.kind}): {failure.describe()}")
        return LLMCallError(text, kind=failure.kind, retries=retries,
                            status_code=failure.status_code)  # fmt: skip

    def _note_outage(self, failure: _Failure, retries: int) -> None:
        """Count an attempt that got no answer; at outage_threshold in a row, open the circuit.

        Retrying each input five times against an endpoint that is down costs minutes per
        input (40 min for 5k inputs were seen): after outage_threshold failed attempts in a
        row, with no success between them from any thread, no further request is sent.
        """
        with self._lock:
            self._consecutive_outage += 1
            tipped = self._consecutive_outage >= self.config.outage_threshold
            if self._circuit is None and tipped:
                self._circuit = CircuitOpenError(
                    self._outage_message(failure), kind="outage",
                    retries=retries, status_code=failure.status_code,
                )  # fmt: skip
                log.error("%s", self._circuit.message)
            circuit = self._circuit
        if circuit is not None:
            raise circuit.with_traceback(None)

    def _outage_message(self, failure: _Failure) -> str:
        """Name the endpoint and the setting to check, e.g. OPENAI_BASE_URL."""
        n, url = self._consecutive_outage, self._endpoint()
        if failure.kind in ("connection", "timeout"):
            cause = f"connection errors or timeouts from {url}"
            hint = f"check {ENV_VARS['base_url']} and that the server is up"
        elif failure.kind == "invalid_response":
            cause = f"answers that are not OpenAI chat completions from {url}"
            hint = (
                f"check that {ENV_VARS['base_url']} is an OpenAI-compatible API "
                "(e.g. http://host:port/v1), not a web page or a proxy's login"
            )
        else:
            cause = f"server errors (HTTP 5xx) or rate limits (HTTP 429) from {url}"
            hint = (
                f"the server is failing or overloaded; run again later, or lower "
                f"{ENV_VARS['max_concurrency']} / set {ENV_VARS['requests_per_minute']}"
            )
        return self._clean(
            f"LLM calls stopped: {n} consecutive {cause} — {hint} (last: {failure.describe()})"
        )

    def _breaker_message(self, failure: _Failure) -> str:
        """Name the cause once, with the setting to check, e.g. OPENAI_API_KEY."""
        n, url, model = self._consecutive_fatal, self._endpoint(), self.config.model
        if failure.status_code == 401:
            cause, setting = f"authentication errors (HTTP 401) from {url}", "api_key"
        elif failure.status_code == 403:
            cause = f"permission errors (HTTP 403) for model {model!r} from {url}"
            setting = "api_key"
        elif failure.code == "model_not_found" or "model" in failure.text.lower():
            cause, setting = f"'model {model!r} not found' errors (HTTP 404) at {url}", "model"
        else:
            cause, setting = f"'endpoint not found' errors (HTTP 404) at {url}", "base_url"
        return self._clean(
            f"LLM calls stopped: {n} consecutive {cause} — check {ENV_VARS[setting]}"
            f" (server said: {failure.text})"
        )

    def _raise_if_open(self) -> None:
        circuit = self._circuit
        if circuit is not None:
            raise circuit.with_traceback(None)  # fresh traceback: raised once per row

    def _switch_to_json_object(self, exc: openai.APIStatusError) -> None:
        """Use JSON mode from now on: this server rejected response_format json_schema."""
        with self._lock:
            if self._json_object_mode:
                return
            self._json_object_mode = True
            self._counts["fallbacks_to_json_object"] += 1
        log.info(
            "%s does not support response_format json_schema; using json_object (%s)",
            self._endpoint(), self._clean(_error_text(exc)),
        )  # fmt: skip

    # ------------------------------------------------------------ helpers
    def _backoff(self, retries: int) -> float:
        """Exponential backoff with full jitter: uniform(0, min(max, base * 2**retries))."""
        exponent = min(retries, 60)  # 2**60 half-seconds is past any cap; avoids float overflow
        ceiling = min(self.config.backoff_max_s, self.config.backoff_base_s * 2**exponent)
        with self._rng_lock:
            return self._rng.uniform(0, ceiling)

    def _count(self, name: str) -> None:
        with self._lock:
            self._counts[name] += 1

    def _endpoint(self) -> str:
        """The base URL without credentials or query string, for messages."""
        url = re.sub(r"//[^/@]*@", "//", str(self._openai.base_url))
        return url.split("?", 1)[0].split("#", 1)[0].rstrip("/")

    def _clean(self, text: str) -> str:
        """The key replaced by '***', bearer tokens masked, at most ERROR_MAX_CHARS long."""
        key = self.config.api_key
        if key:
            text = text.replace(key, "***")
        text = re.sub(r"(?i)bearer\s+\S+", "Bearer ***", text)
        text = redact_url(text)
        return text if len(text) <= ERROR_MAX_CHARS else text[: ERROR_MAX_CHARS - 1] + "…"


@functools.cache
def _response_format(model: type[BaseModel]) -> dict[str, Any]:
    """response_format_for(model), built once: pydantic's schema generation is not free."""
    return schemas.response_format_for(model)


def _timeout(config: LLMConfig) -> openai.Timeout:
    """timeout_s for each request; waiting for a free connection is not a timeout."""
    return openai.Timeout(config.timeout_s, pool=None)


def _http_client(config: LLMConfig) -> Any:
    """An HTTP client with at most ``max_concurrency`` connections: the in-flight limit.

    The runner has more worker threads than that, so building the next request, parsing
    an answer and judging it happen while ``max_concurrency`` requests stay on the wire.
    """
    limits = type(openai.DEFAULT_CONNECTION_LIMITS)(  # httpx.Limits (httpx2 in openai 3)
        max_connections=config.max_concurrency,
        max_keepalive_connections=config.max_concurrency,
    )
    return openai.DefaultHttpxClient(limits=limits, timeout=_timeout(config))


def _lacks_json_schema(exc: openai.APIStatusError) -> bool:
    """A 400 about response_format/json_schema: the server cannot do structured outputs.

    OpenAI's "Invalid schema for response_format ..." is excluded: that is a bug in our
    schema, and quietly degrading to JSON mode would hide it.
    """
    if exc.status_code != 400:
        return False
    text = f"{exc.param or ''} {_error_text(exc)}".lower()
    mentions = "response_format" in text or "json_schema" in text
    return mentions and "invalid schema" not in text


def _error_text(exc: openai.APIStatusError) -> str:
    """The server's own message (the SDK's message embeds the whole body as a dict repr)."""
    body = exc.body
    if isinstance(body, dict) and isinstance(body.get("message"), str):
        return body["message"]
    return exc.message
