"""Tests of the fake OpenAI-compatible server, driven by the real `openai` SDK.

Later tests trust this server to stand in for an LLM, so each behaviour is
checked from the client's side: what the SDK returns or raises.
"""

from __future__ import annotations

import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Literal

import openai
import pytest
from pydantic import BaseModel, ConfigDict, ValidationError

from python_udfs.testing.fake_llm import (
    HALLUCINATED_NUMBERS,
    FakeLLMServer,
    FixtureResponder,
    count_tokens,
)
from tests.fake_llm_fixtures import fake_llm  # noqa: F401  (pytest fixture)

SECRET = "sk-test-very-secret-key-123"
POSTING = "Senior data engineer in Berlin, salary 60000 to 75000 EUR per year."
ANSWER = {"salary_min": 60000, "salary_max": 75000, "currency": "EUR", "title": "data engineer"}


class Posting(BaseModel):
    model_config = ConfigDict(extra="forbid")

    salary_min: int | None
    salary_max: int | None
    currency: Literal["EUR", "USD", "GBP"] | None
    title: str | None


def schema_format(name: str = "posting") -> dict:
    """A strict structured-output response_format built from the pydantic model."""
    schema = {**Posting.model_json_schema(), "additionalProperties": False}
    return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": True}}


def client_for(server: FakeLLMServer, timeout: float = 5.0, **kwargs) -> openai.OpenAI:
    options = {"api_key": "test-key", "max_retries": 0, **kwargs}
    return openai.OpenAI(base_url=server.base_url, timeout=timeout, **options)


def ask(client: openai.OpenAI, text: str, **kwargs):
    """One extraction request shaped like the UDFs' requests."""
    kwargs.setdefault("response_format", schema_format())
    messages = [
        {"role": "system", "content": "Extract the salary."},
        {"role": "user", "content": text},
    ]
    return client.chat.completions.create(model="fake-model", messages=messages, **kwargs)


def test_lifecycle_and_base_url() -> None:
    server = FakeLLMServer()
    with pytest.raises(RuntimeError):
        _ = server.base_url
    with server:
        assert server.base_url.startswith("http://127.0.0.1:")
        assert server.base_url.endswith("/v1")
        assert ask(client_for(server), "hello").choices[0].finish_reason == "stop"
    with pytest.raises(RuntimeError):
        _ = server.base_url


def test_structured_output_round_trip_with_create(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.responder = FixtureResponder({"data engineer": ANSWER})
    response = ask(client_for(fake_llm), POSTING, temperature=0, seed=7, max_completion_tokens=200)
    assert response.object == "chat.completion"
    assert response.model == "fake-model"
    assert response.id and response.created
    assert Posting.model_validate_json(response.choices[0].message.content) == Posting(**ANSWER)
    received = fake_llm.requests[-1]
    assert received["response_format"]["json_schema"]["name"] == "posting"
    assert (received["temperature"], received["seed"], received["max_completion_tokens"]) == (
        0,
        7,
        200,
    )


def test_parse_with_pydantic_model(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.responder = FixtureResponder({"Berlin": ANSWER})
    completion = client_for(fake_llm).chat.completions.parse(
        model="fake-model", messages=[{"role": "user", "content": POSTING}], response_format=Posting
    )
    assert completion.choices[0].message.parsed == Posting(**ANSWER)
    assert fake_llm.requests[-1]["response_format"]["type"] == "json_schema"


def test_default_responder_sets_every_schema_property_to_null(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    content = ask(client_for(fake_llm), POSTING).choices[0].message.content
    assert json.loads(content) == dict.fromkeys(Posting.model_fields)


def test_fixture_responder_first_match_in_insertion_order_and_default() -> None:
    first, second, fallback = {"n": 1}, {"n": 2}, {"n": 0}
    responder = FixtureResponder({"salary": first, "60000": second}, default=fallback)
    request = {
        "messages": [{"role": "user", "content": "other"}, {"role": "user", "content": POSTING}]
    }
    assert responder(request) == first
    assert responder({"messages": [{"role": "user", "content": "60000 only"}]}) == second
    assert responder({"messages": [{"role": "user", "content": "nothing"}]}) == fallback
    responder(request)["n"] = 99  # answers are copies: a caller cannot corrupt the table
    assert first == {"n": 1}


def test_usage_tokens_are_present_and_deterministic(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.responder = lambda request: "one two three four five six"
    client = client_for(fake_llm)
    usages = [ask(client, "a b c d e f g h i").usage for _ in range(2)]
    # prompt: system (3 words) + user (9 words) = 12 words / 0.75 = 16 tokens
    assert usages[0].prompt_tokens == 16 == count_tokens("Extract the salary. a b c d e f g h i")
    assert usages[0].completion_tokens == 8
    assert usages[0].total_tokens == 24
    assert usages[0] == usages[1]


def test_rate_limit_fault_carries_retry_after(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    client = client_for(fake_llm)
    fake_llm.inject("429", retry_after=1.5)
    with pytest.raises(openai.RateLimitError) as queued:
        ask(client, POSTING)
    assert queued.value.response.headers["retry-after"] == "1.5"
    assert queued.value.status_code == 429
    with pytest.raises(openai.RateLimitError) as marked:
        ask(client, "[[fault:429]] " + POSTING)
    assert marked.value.response.headers["retry-after"] == "0.2"
    assert marked.value.body["type"] == "rate_limit_exceeded"


def test_server_error_fault(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    with pytest.raises(openai.InternalServerError) as error:
        ask(client_for(fake_llm), "[[fault:500]] " + POSTING)
    assert error.value.status_code == 500
    assert error.value.body["type"] == "server_error"


def test_hang_fault_makes_client_time_out(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.inject("hang")
    started = time.monotonic()
    with pytest.raises(openai.APITimeoutError):
        ask(client_for(fake_llm, timeout=0.5), POSTING)
    assert time.monotonic() - started < 2.0
    assert ask(client_for(fake_llm), POSTING).choices[0].message.content  # others still served


def test_malformed_fault_returns_unparseable_json(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    content = ask(client_for(fake_llm), "[[fault:malformed]] " + POSTING).choices[0].message.content
    assert isinstance(content, str) and content
    with pytest.raises(json.JSONDecodeError):
        json.loads(content)


def test_schema_violation_fault_fails_pydantic_validation(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.responder = FixtureResponder({"Berlin": ANSWER})
    content = (
        ask(client_for(fake_llm), "[[fault:schema_violation]] " + POSTING)
        .choices[0]
        .message.content
    )
    answer = json.loads(content)
    assert "unexpected_field" in answer
    with pytest.raises(ValidationError) as error:
        Posting.model_validate(answer)
    failed = {err["loc"][0] for err in error.value.errors()}
    assert set(Posting.model_fields) | {"unexpected_field"} <= failed


def test_hallucinate_fault_is_schema_valid_but_invents_numbers(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.responder = FixtureResponder({"Berlin": ANSWER})
    text = "[[fault:hallucinate]] " + POSTING
    answer = Posting.model_validate_json(ask(client_for(fake_llm), text).choices[0].message.content)
    for value in (answer.salary_min, answer.salary_max):
        assert value in HALLUCINATED_NUMBERS
        assert str(value) not in text
    assert (answer.currency, answer.title) == ("EUR", "data engineer")


def test_refusal_fault_sets_refusal_and_null_content(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    message = ask(client_for(fake_llm), "[[fault:refusal]] " + POSTING).choices[0].message
    assert message.content is None
    assert message.refusal
    parsed = (
        client_for(fake_llm)
        .chat.completions.parse(
            model="m",
            messages=[{"role": "user", "content": "[[fault:refusal]]"}],
            response_format=Posting,
        )
        .choices[0]
        .message
    )
    assert parsed.parsed is None and parsed.refusal


def test_authentication_errors(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    with pytest.raises(openai.AuthenticationError) as marked:
        ask(client_for(fake_llm), "[[fault:401]] " + POSTING)
    assert marked.value.code == "invalid_api_key"
    fake_llm.required_api_key = SECRET
    with pytest.raises(openai.AuthenticationError):
        ask(client_for(fake_llm), POSTING)
    assert ask(client_for(fake_llm, api_key=SECRET), POSTING).choices[0].message.content


def test_unknown_model_is_not_found(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.known_models = {"fake-model"}
    assert ask(client_for(fake_llm), POSTING).model == "fake-model"
    with pytest.raises(openai.NotFoundError) as error:
        client_for(fake_llm).chat.completions.create(
            model="gpt-nonexistent", messages=[{"role": "user", "content": POSTING}]
        )
    assert error.value.code == "model_not_found"


def test_json_schema_unsupported_allows_json_object_fallback(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.supports_json_schema = False
    fake_llm.responder = FixtureResponder({"Berlin": ANSWER})
    client = client_for(fake_llm)
    with pytest.raises(openai.BadRequestError) as error:
        ask(client, POSTING)
    assert "json_schema not supported" in error.value.message
    assert error.value.param == "response_format"
    fallback = ask(client, POSTING, response_format={"type": "json_object"})
    assert json.loads(fallback.choices[0].message.content) == ANSWER
    assert fake_llm.status_counts == {400: 1, 200: 1}


def test_counted_marker_fails_first_n_identical_requests(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    client = client_for(fake_llm)
    text = "[[fault:429:2]] " + POSTING
    for _ in range(2):
        with pytest.raises(openai.RateLimitError):
            ask(client, text)
    assert ask(client, text).choices[0].message.content
    assert fake_llm.status_counts == {429: 2, 200: 1}
    # The SDK's own retries (honouring Retry-After) get through a fresh counted fault.
    retrying = client_for(fake_llm, max_retries=2)
    assert ask(retrying, "[[fault:429:2]] another posting").choices[0].message.content
    assert fake_llm.request_count == 6
    assert fake_llm.status_counts == {429: 4, 200: 2}


def test_queued_faults_then_reset(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    client = client_for(fake_llm)
    fake_llm.inject("500", times=2)
    for _ in range(2):
        with pytest.raises(openai.InternalServerError):
            ask(client, POSTING)
    assert ask(client, POSTING).choices[0].message.content
    fake_llm.inject("500", times=3)
    fake_llm.reset()
    assert (fake_llm.request_count, fake_llm.requests, dict(fake_llm.status_counts)) == (0, [], {})
    assert ask(client, POSTING).choices[0].message.content
    with pytest.raises(ValueError):
        fake_llm.inject("teapot")


def test_concurrent_requests_run_in_parallel(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.latency_s = 0.2
    client = client_for(fake_llm)
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda i: ask(client, f"posting {i}"), range(16)))
    elapsed = time.monotonic() - started
    assert elapsed < 2.0, f"16 requests x 0.2 s took {elapsed:.2f} s: not concurrent"
    assert elapsed >= 0.2
    assert len(results) == 16 and fake_llm.request_count == 16
    assert fake_llm.status_counts == {200: 16}


def test_stop_returns_fast_during_hang() -> None:
    server = FakeLLMServer().start()
    errors: list[Exception] = []

    def hang() -> None:
        try:
            ask(client_for(server, timeout=10), "[[fault:hang]] " + POSTING)
        except openai.APIError as exc:
            errors.append(exc)

    caller = threading.Thread(target=hang)
    caller.start()
    deadline = time.monotonic() + 2
    while server.request_count == 0 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert server.request_count == 1
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 3.0
    caller.join(timeout=5)
    assert not caller.is_alive() and errors  # the hung client got an error, not an answer


def test_api_key_is_never_recorded(fake_llm: FakeLLMServer) -> None:  # noqa: F811
    fake_llm.required_api_key = SECRET
    client = client_for(fake_llm, api_key=SECRET)
    ask(client, POSTING)
    with pytest.raises(openai.AuthenticationError):
        ask(client_for(fake_llm, api_key=SECRET + "-wrong"), POSTING)
    assert len(fake_llm.requests) == len(fake_llm.request_headers) == 2
    assert fake_llm.request_headers[0]["content-type"] == "application/json"
    recorded = json.dumps([fake_llm.requests, fake_llm.request_headers])
    assert SECRET not in recorded
    assert all("authorization" not in headers for headers in fake_llm.request_headers)
