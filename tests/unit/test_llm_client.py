"""Tests of the LLM client and its config, against the fake OpenAI-compatible server.

Each behaviour the UDF runner relies on is checked from outside: what the server received
(how many requests, in what form), what the caller got back or caught, and how long it took.
Waits are recorded through an injected ``sleep`` where their length matters, and measured on
the clock once where real waiting matters.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import socket
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from python_udfs.llm import schemas
from python_udfs.llm.client import (
    CircuitOpenError,
    Completion,
    LLMCallError,
    LLMClient,
    retry_after_s,
)
from python_udfs.llm.config import ENV_VARS, LLMConfig
from python_udfs.testing.fake_llm import FakeLLMServer, FixtureResponder, count_tokens
from python_udfs.testing.fake_llm.server import Reply, error_body
from tests.fake_llm_fixtures import fake_llm  # noqa: F401  (pytest fixture)

SECRET = "sk-test-PLANTED-SECRET-42"
SYSTEM = "Extract the salary."
POSTING = "Senior data engineer in Berlin, salary 60000 to 75000 EUR per year."
ANSWER = {"salary_min": 60000.0, "salary_max": 75000.0, "currency": "EUR", "period": "year"}


class SleepRecorder:
    """A ``sleep`` that records the waits instead of waiting."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def make_client(server: FakeLLMServer, sleep=None, rng=None, **settings) -> LLMClient:
    """A client of the fake server; settings override LLMConfig defaults."""
    config = LLMConfig(**{"base_url": server.base_url, "api_key": "test-key", **settings})
    return LLMClient(config, sleep=sleep or time.sleep, rng=rng)


def ask(client: LLMClient, text: str = POSTING) -> Completion:
    return client.complete(SYSTEM, text, schemas.SalaryExtraction)


# ---------------------------------------------------------------- happy path
def test_structured_answer_round_trips(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.responder = FixtureResponder({"Berlin": ANSWER})
    completion = ask(make_client(fake_llm))
    assert schemas.SalaryExtraction.model_validate_json(completion.content) == (
        schemas.SalaryExtraction(**ANSWER)
    )
    assert completion.prompt_tokens == count_tokens(f"{SYSTEM} {POSTING}")
    assert completion.completion_tokens == count_tokens(completion.content)
    assert (completion.refusal, completion.retries, completion.mode) == (None, 0, "json_schema")
    assert 0 < completion.latency_s < 1


def test_request_carries_strict_json_schema_and_temperature_0(
    fake_llm: FakeLLMServer,  # noqa: F811
) -> None:
    ask(make_client(fake_llm, model="fake-model"))
    sent = fake_llm.requests[-1]
    assert sent["model"] == "fake-model"
    assert sent["temperature"] == 0
    assert sent["messages"] == [
        {"role": "system", "content": SYSTEM},
        {"role": "user", "content": POSTING},
    ]
    assert sent["response_format"] == schemas.response_format_for(schemas.SalaryExtraction)
    assert sent["response_format"]["json_schema"]["strict"] is True
    assert sent["response_format"]["json_schema"]["schema"]["additionalProperties"] is False


def test_refusal_is_returned_not_raised(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    completion = ask(make_client(fake_llm), "[[fault:refusal]] " + POSTING)
    assert completion.content is None and completion.refusal


# ---------------------------------------------------------------- retries
def test_429_is_retried_after_the_servers_retry_after(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    sleep = SleepRecorder()
    client = make_client(fake_llm, sleep=sleep, backoff_base_s=10.0)
    fake_llm.inject("429", times=2, retry_after=1.5)
    completion = ask(client)
    assert completion.retries == 2 and completion.content
    assert fake_llm.request_count == 3
    assert fake_llm.status_counts == {429: 2, 200: 1}
    assert sleep.waits == [1.5, 1.5]
    stats = client.stats()
    assert (stats["attempts"], stats["retries"], stats["rate_limited"]) == (3, 2, 2)


def test_429_really_waits_retry_after(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    # Backoff alone would wait up to 10 s and 20 s: finishing in ~0.4 s means Retry-After won.
    client = make_client(fake_llm, backoff_base_s=10.0)
    fake_llm.inject("429", times=2)  # the server's default Retry-After: 0.2 s
    started = time.monotonic()
    completion = ask(client)
    elapsed = time.monotonic() - started
    assert completion.retries == 2
    assert 0.4 <= elapsed < 1.5, elapsed
    assert completion.latency_s >= 0.4


def test_retry_after_is_capped_at_backoff_max(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    sleep = SleepRecorder()
    fake_llm.inject("429", retry_after=600)
    assert ask(make_client(fake_llm, sleep=sleep, backoff_max_s=2.0)).retries == 1
    assert sleep.waits == [2.0]


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after-ms": "250"}, 0.25),
        ({"Retry-After": "3"}, 3.0),
        ({"retry-after-ms": "100", "retry-after": "9"}, 0.1),
        ({"Retry-After": "soon"}, None),
        ({}, None),
        ({"Retry-After": "-5"}, 0.0),
    ],
)
def test_retry_after_header_forms(headers: dict, expected: float | None) -> None:
    assert retry_after_s(headers) == expected


def test_retry_after_http_date() -> None:
    date = email.utils.formatdate(time.time() + 20, usegmt=True)
    assert 18 <= retry_after_s({"Retry-After": date}) <= 20


def test_503_retry_after_ms_header_is_honoured(
    fake_llm: FakeLLMServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    replies = iter([Reply(503, error_body("overloaded", "server_error"), {"retry-after-ms": "40"})])
    monkeypatch.setattr(fake_llm, "_capability_error", lambda request: next(replies, None))
    sleep = SleepRecorder()
    client = make_client(fake_llm, sleep=sleep)
    assert ask(client).retries == 1
    assert sleep.waits == [0.04]
    assert client.stats()["server_errors"] == 1


def test_500_is_retried_with_full_jitter_backoff(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    sleep = SleepRecorder()
    client = make_client(
        fake_llm, sleep=sleep, rng=random.Random(7), backoff_base_s=1.0, backoff_max_s=3.0
    )
    fake_llm.inject("500", times=3)
    assert ask(client).retries == 3
    reference = random.Random(7)
    assert sleep.waits == [reference.uniform(0, cap) for cap in (1.0, 2.0, 3.0)]
    assert client.stats()["server_errors"] == 3


def test_exhausted_retries_raise_llm_call_error(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    sleep = SleepRecorder()
    client = make_client(fake_llm, sleep=sleep, max_retries=3)
    fake_llm.inject("500", times=10)
    with pytest.raises(LLMCallError) as error:
        ask(client)
    assert (error.value.kind, error.value.retries, error.value.status_code) == (
        "server_error",
        3,
        500,
    )
    assert "after 3 retries" in str(error.value) and "HTTP 500" in str(error.value)
    assert fake_llm.request_count == 4 and len(sleep.waits) == 3
    assert not isinstance(error.value, CircuitOpenError) and client.circuit_open is None


def test_hang_times_out_and_is_retried(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    client = make_client(fake_llm, sleep=SleepRecorder(), timeout_s=0.3)
    fake_llm.inject("hang", hang_s=2)
    started = time.monotonic()
    completion = ask(client)
    assert time.monotonic() - started < 1.5
    assert completion.retries == 1 and completion.content
    assert client.stats()["timeouts"] == 1


def test_always_hanging_raises_timeout(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    client = make_client(fake_llm, sleep=SleepRecorder(), timeout_s=0.3, max_retries=2)
    fake_llm.inject("hang", times=3, hang_s=2)
    with pytest.raises(LLMCallError) as error:
        ask(client)
    assert (error.value.kind, error.value.retries) == ("timeout", 2)
    assert fake_llm.request_count == 3


def test_connection_refused_is_retried_then_raised() -> None:
    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = LLMConfig(base_url=f"http://127.0.0.1:{port}/v1", max_retries=1, timeout_s=2)
    with pytest.raises(LLMCallError) as error:
        LLMClient(config, sleep=SleepRecorder()).complete(SYSTEM, POSTING, schemas.SalaryExtraction)
    assert (error.value.kind, error.value.retries) == ("connection", 1)


# ---------------------------------------------------------------- circuit breaker
def test_three_401s_open_the_breaker(
    fake_llm: FakeLLMServer,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake_llm.required_api_key = "sk-the-right-key"
    client = make_client(fake_llm, api_key=SECRET)
    for _ in range(2):
        with pytest.raises(LLMCallError) as error:
            ask(client)
        assert error.value.kind == "auth" and not isinstance(error.value, CircuitOpenError)
    with pytest.raises(CircuitOpenError) as opened:
        ask(client)
    assert fake_llm.request_count == 3  # 401 is not retried
    with pytest.raises(CircuitOpenError) as later:
        ask(client)
    assert fake_llm.request_count == 3  # the 4th call sent nothing
    assert later.value is opened.value is client.circuit_open
    message = str(opened.value)
    assert message.startswith("LLM calls stopped: 3 consecutive authentication errors")
    assert "HTTP 401" in message and "OPENAI_API_KEY" in message
    assert fake_llm.base_url in message
    assert SECRET not in message and SECRET not in repr(opened.value)
    assert client.stats()["breaker_open"] is True
    assert [r.levelname for r in caplog.records if "LLM calls stopped" in r.message] == ["ERROR"]


def test_unknown_model_opens_the_breaker_naming_the_model(
    fake_llm: FakeLLMServer,  # noqa: F811
) -> None:
    fake_llm.known_models = {"fake-model"}
    client = make_client(fake_llm, model="gpt-nonexistent", breaker_threshold=2)
    with pytest.raises(LLMCallError) as first:
        ask(client)
    assert (first.value.kind, first.value.status_code) == ("not_found", 404)
    with pytest.raises(CircuitOpenError) as opened:
        ask(client)
    message = str(opened.value)
    assert "model 'gpt-nonexistent' not found' errors (HTTP 404)" in message
    assert "check SALARY_INSIGHTS_LLM_MODEL" in message
    with pytest.raises(CircuitOpenError):
        ask(client)
    assert fake_llm.request_count == 2


def test_unknown_path_names_the_base_url(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    client = LLMClient(LLMConfig(base_url=fake_llm.base_url + "/wrong", breaker_threshold=1))
    with pytest.raises(CircuitOpenError) as opened:
        ask(client)
    assert "endpoint not found' errors (HTTP 404)" in str(opened.value)
    assert "check OPENAI_BASE_URL" in str(opened.value)


def test_403_counts_towards_the_breaker(
    fake_llm: FakeLLMServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    denied = Reply(403, error_body("Project has no access.", "permission_error"))
    monkeypatch.setattr(fake_llm, "_capability_error", lambda request: denied)
    client = make_client(fake_llm, breaker_threshold=2)
    with pytest.raises(LLMCallError) as first:
        ask(client)
    assert first.value.kind == "permission"
    with pytest.raises(CircuitOpenError, match=r"HTTP 403.*OPENAI_API_KEY"):
        ask(client)


def test_success_resets_the_consecutive_count(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    client = make_client(fake_llm)
    for _ in range(3):
        fake_llm.inject("401", times=2)
        for _ in range(2):
            with pytest.raises(LLMCallError) as error:
                ask(client)
            assert error.value.kind == "auth"
        assert ask(client).content
    assert client.circuit_open is None and client.stats()["breaker_open"] is False
    assert fake_llm.status_counts == {401: 6, 200: 3}


def test_other_400_is_bad_request_and_does_not_open_the_breaker(
    fake_llm: FakeLLMServer,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bad = Reply(400, error_body("max_tokens is too large", "invalid_request_error"))
    monkeypatch.setattr(fake_llm, "_capability_error", lambda request: bad)
    client = make_client(fake_llm, breaker_threshold=1)
    for _ in range(3):
        with pytest.raises(LLMCallError) as error:
            ask(client)
        assert (error.value.kind, error.value.retries) == ("bad_request", 0)
        assert "max_tokens is too large" in str(error.value)
    assert client.circuit_open is None
    assert fake_llm.request_count == 3
    assert client.stats()["fallbacks_to_json_object"] == 0


def test_an_unreachable_endpoint_opens_the_outage_breaker_naming_the_base_url() -> None:
    # nothing listens on the port: every attempt is a connection error
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sleep = SleepRecorder()
    client = LLMClient(
        LLMConfig(base_url=f"http://127.0.0.1:{port}/v1", api_key=SECRET, outage_threshold=4),
        sleep=sleep,
    )
    with pytest.raises(CircuitOpenError) as caught:
        ask(client)
    error = caught.value
    assert error.kind == "outage"
    assert "4 consecutive connection errors or timeouts" in error.message
    assert "OPENAI_BASE_URL" in error.message and str(port) in error.message
    assert SECRET not in error.message
    assert client.stats()["attempts"] == 4 and len(sleep.waits) == 3  # 3 retries, then stop
    # open: the next call sends nothing
    with pytest.raises(CircuitOpenError):
        ask(client)
    assert client.stats()["attempts"] == 4


def test_persistent_5xx_open_the_outage_breaker_and_a_success_resets_the_count(
    fake_llm: FakeLLMServer,  # noqa: F811
) -> None:
    fake_llm.responder = FixtureResponder({"Berlin": ANSWER})
    client = make_client(fake_llm, sleep=SleepRecorder(), outage_threshold=3, max_retries=1)
    fake_llm.inject("500", times=2)
    with pytest.raises(LLMCallError) as first:  # 2 failed attempts, the input fails
        ask(client)
    assert first.value.kind == "server_error"
    ask(client)  # an answer: the count starts again
    fake_llm.inject("500", times=100)
    with pytest.raises(LLMCallError):  # 2 more in a row: still below 3
        ask(client)
    with pytest.raises(CircuitOpenError) as opened:  # the third in a row opens it
        ask(client)
    assert opened.value.kind == "outage" and "HTTP 5xx" in opened.value.message
    assert fake_llm.request_count == 2 + 1 + 2 + 1


# ---------------------------------------------------------------- json_object fallback
def test_json_schema_unsupported_falls_back_to_json_object(
    fake_llm: FakeLLMServer,  # noqa: F811
) -> None:
    fake_llm.supports_json_schema = False
    fake_llm.responder = FixtureResponder({"Berlin": ANSWER})
    client = make_client(fake_llm)
    completion = ask(client)
    assert (completion.mode, completion.retries) == ("json_object", 0)
    assert json.loads(completion.content) == ANSWER
    rejected, accepted = fake_llm.requests
    assert rejected["response_format"]["type"] == "json_schema"
    assert accepted["response_format"] == {"type": "json_object"}
    system = accepted["messages"][0]["content"]
    assert system.startswith(SYSTEM)
    assert json.dumps(schemas.json_schema_for(schemas.SalaryExtraction)) in system
    assert "Answer with one JSON object only" in system
    assert accepted["messages"][1] == {"role": "user", "content": POSTING}

    assert ask(client).mode == "json_object"  # later calls go straight to JSON mode
    assert fake_llm.request_count == 3
    assert fake_llm.requests[-1]["response_format"] == {"type": "json_object"}
    assert fake_llm.status_counts == {400: 1, 200: 2}
    assert client.stats()["fallbacks_to_json_object"] == 1
    assert client.stats()["retries"] == 0


# ---------------------------------------------------------------- rate limit and concurrency
def test_requests_per_minute_spaces_requests(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    limited = make_client(fake_llm, requests_per_minute=600)  # one request per 0.1 s
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=6) as pool:
        list(pool.map(lambda i: ask(limited, f"posting {i}"), range(6)))
    assert time.monotonic() - started >= 0.49

    unlimited = make_client(fake_llm)
    started = time.monotonic()
    for i in range(6):
        ask(unlimited, f"posting {i}")
    assert time.monotonic() - started < 0.4


def test_rate_limit_applies_to_retries_too(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    sleep = SleepRecorder()
    fake_llm.inject("500", times=2)
    client = make_client(fake_llm, sleep=sleep, requests_per_minute=60, backoff_base_s=0.0)
    assert ask(client).retries == 2
    # waits: two backoffs of 0 s, and the limiter's 1 s spacing before attempts 2 and 3
    assert len([w for w in sleep.waits if w > 0.9]) == 2


def test_concurrent_calls_share_one_client(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.latency_s = 0.2
    client = make_client(fake_llm, max_concurrency=8)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=client.config.max_concurrency) as pool:
        results = list(pool.map(lambda i: ask(client, f"posting {i}"), range(16)))
    elapsed = time.monotonic() - started
    assert elapsed < 0.8, f"16 calls x 0.2 s on 8 threads took {elapsed:.2f} s"
    assert all(r.content for r in results) and fake_llm.status_counts == {200: 16}
    assert client.stats()["attempts"] == 16


# ---------------------------------------------------------------- secrets
def test_planted_key_never_leaks(
    fake_llm: FakeLLMServer,  # noqa: F811
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    config = LLMConfig(api_key=SECRET, base_url=fake_llm.base_url, timeout_s=0.3)
    client = LLMClient(config, sleep=SleepRecorder())
    seen += [repr(config), str(config), repr(client)]
    fake_llm.inject("429")
    fake_llm.inject("hang", hang_s=2)
    ask(client)  # retries logged at DEBUG
    # The server echoes the model name in its 404: plant the key there too.
    fake_llm.known_models = {"fake-model"}
    echoing = LLMClient(LLMConfig(api_key=SECRET, base_url=fake_llm.base_url, model=SECRET))
    for _ in range(3):
        with pytest.raises(LLMCallError) as error:
            ask(echoing)
        seen += [str(error.value), repr(error.value)]
    assert "***" in str(error.value) and isinstance(error.value, CircuitOpenError)
    fake_llm.known_models = None
    fake_llm.required_api_key = "sk-other"
    with pytest.raises(LLMCallError) as error:
        ask(client)
    seen += [str(error.value), repr(error.value), caplog.text]
    seen += [str(r.args) for r in caplog.records]
    assert any("retry" in r.message and r.levelno == logging.DEBUG for r in caplog.records)
    assert not [text for text in seen if SECRET in text]


# ---------------------------------------------------------------- config
def test_config_from_env_reads_every_variable() -> None:
    environ = {
        "OPENAI_API_KEY": SECRET,
        "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
        "SALARY_INSIGHTS_LLM_MODEL": "qwen2.5:7b",
        "SALARY_INSIGHTS_LLM_TEMPERATURE": "0.5",
        "SALARY_INSIGHTS_LLM_TIMEOUT_S": "12",
        "SALARY_INSIGHTS_LLM_MAX_CONCURRENCY": "4",
        "SALARY_INSIGHTS_LLM_RPM": "90",
        "SALARY_INSIGHTS_LLM_MAX_RETRIES": "2",
        "SALARY_INSIGHTS_LLM_MAX_CALLS": "1000",
        "SALARY_INSIGHTS_LLM_MAX_ERROR_RATIO": "0.1",
        "SALARY_INSIGHTS_LLM_CACHE": "data/llm_cache.duckdb",
        "SALARY_INSIGHTS_LLM_PROGRESS_S": "2.5",
        "SALARY_INSIGHTS_LLM_OUTAGE_THRESHOLD": "4",
        "SALARY_INSIGHTS_LLM_MAX_RUN_S": "600",
    }
    assert set(environ) == set(ENV_VARS.values())
    config = LLMConfig.from_env(environ)
    assert config == LLMConfig(
        api_key=SECRET,
        base_url="http://127.0.0.1:9/v1",
        model="qwen2.5:7b",
        temperature=0.5,
        timeout_s=12.0,
        max_concurrency=4,
        requests_per_minute=90.0,
        max_retries=2,
        max_llm_calls=1000,
        max_error_ratio=0.1,
        cache_path="data/llm_cache.duckdb",
        progress_interval_s=2.5,
        outage_threshold=4,
        max_run_s=600.0,
    )
    assert isinstance(config.max_concurrency, int) and isinstance(config.timeout_s, float)


def test_config_defaults_and_empty_strings_mean_unset() -> None:
    assert LLMConfig.from_env({}) == LLMConfig()
    blank = dict.fromkeys(ENV_VARS.values(), "")
    assert LLMConfig.from_env(blank) == LLMConfig()
    assert LLMConfig().requests_per_minute is None and LLMConfig().max_llm_calls is None


def test_config_overrides_win_over_env() -> None:
    environ = {"SALARY_INSIGHTS_LLM_MODEL": "env-model", "SALARY_INSIGHTS_LLM_RPM": "30"}
    config = LLMConfig.from_env(
        environ, model="profile-model", max_concurrency="2", max_retries=1, breaker_threshold="5"
    )
    assert (config.model, config.requests_per_minute) == ("profile-model", 30.0)
    assert (config.max_concurrency, config.max_retries, config.breaker_threshold) == (2, 1, 5)
    # None / "" in a plugin config mean "not set": the environment still applies
    config = LLMConfig.from_env(environ, model="", requests_per_minute=None)
    assert (config.model, config.requests_per_minute) == ("env-model", 30.0)
    with pytest.raises(TypeError, match="unknown LLM setting"):
        LLMConfig.from_env({}, modle="typo")


@pytest.mark.parametrize(
    ("env_var", "value", "expected"),
    [
        ("SALARY_INSIGHTS_LLM_MAX_CONCURRENCY", "eight", "expected an integer"),
        ("SALARY_INSIGHTS_LLM_MAX_CONCURRENCY", "0", ">= 1"),
        ("SALARY_INSIGHTS_LLM_MAX_CONCURRENCY", "2.5", "expected an integer"),
        ("SALARY_INSIGHTS_LLM_MAX_ERROR_RATIO", "1.5", "between 0 and 1"),
        ("SALARY_INSIGHTS_LLM_MAX_ERROR_RATIO", "-0.1", "between 0 and 1"),
        ("SALARY_INSIGHTS_LLM_TIMEOUT_S", "0", "> 0"),
        ("SALARY_INSIGHTS_LLM_TIMEOUT_S", "nan", "finite"),
        ("SALARY_INSIGHTS_LLM_RPM", "-1", "> 0"),
        ("SALARY_INSIGHTS_LLM_MAX_RETRIES", "-1", ">= 0"),
        ("SALARY_INSIGHTS_LLM_MAX_CALLS", "many", "expected an integer"),
        ("SALARY_INSIGHTS_LLM_TEMPERATURE", "3", "between 0 and 2"),
    ],
)
def test_config_bad_values_name_the_env_var(env_var: str, value: str, expected: str) -> None:
    with pytest.raises(ValueError, match=env_var) as error:
        LLMConfig.from_env({env_var: value})
    assert expected in str(error.value)


def test_config_bad_override_names_the_setting() -> None:
    with pytest.raises(ValueError, match=r"max_concurrency .*-3"):
        LLMConfig.from_env({}, max_concurrency=-3)
    with pytest.raises(TypeError, match="max_retries"):
        LLMConfig.from_env({}, max_retries=True)


def test_config_repr_hides_the_key_and_enabled_logic() -> None:
    config = LLMConfig.from_env({"OPENAI_API_KEY": SECRET})
    assert config.api_key == SECRET
    assert SECRET not in repr(config) and SECRET not in str(config)
    assert config.enabled
    assert LLMConfig(base_url="http://127.0.0.1:11434/v1").enabled
    assert not LLMConfig().enabled
    assert not LLMConfig(api_key="", base_url="  ").enabled
    assert not LLMConfig.from_env({"OPENAI_API_KEY": "", "OPENAI_BASE_URL": ""}).enabled
