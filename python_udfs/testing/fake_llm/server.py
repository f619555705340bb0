"""A local OpenAI-compatible chat-completions server for tests.

Tests of the LLM UDFs must not depend on a real LLM: answers have to be
deterministic, token usage predictable (cost tests assert on it), and every
failure a client must survive (rate limits, 5xx, hangs, broken JSON, schema
violations, hallucinated numbers, refusals, auth errors) reproducible on
demand. A stdlib ThreadingHTTPServer on 127.0.0.1 gives all of that with no
network and no extra dependency.
"""

from __future__ import annotations

import copy
import json
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from typing_extensions import Self

Responder = Callable[[dict], "dict | str"]

FAULT_KINDS = (
    "429",
    "500",
    "401",
    "hang",
    "malformed",
    "schema_violation",
    "hallucinate",
    "refusal",
    # HTTP 200 answers that are not an OpenAI chat completion (a proxy, a web UI, a cut)
    "html200",
    "text200",
    "wrong_shape",
    "truncated",
    "no_choices",
)
# kind -> (content type, body) of the faults answered 200 with a body that is not a completion
_BODY_FAULTS: dict[str, tuple[str, bytes]] = {
    "html200": (
        "text/html; charset=utf-8",
        (
            b"<!DOCTYPE html><html><head><title>Sign in</title></head>"
            b"<body>Please sign in to continue.</body></html>"
        ),
    ),
    "text200": ("text/plain", b"upstream connect error or disconnect/reset before headers"),
    "wrong_shape": ("application/json", b'{"status": "ok", "result": "queued"}'),
    "truncated": ("application/json", b'{"id": "chatcmpl-1", "object": "chat.completion", "cho'),
    "no_choices": (
        "application/json",
        (
            b'{"id": "chatcmpl-1", "object": "chat.completion", "created": 1700000000,'
            b' "model": "m", "choices": [], "usage": null}'
        ),
    ),
}
MARKER_RE = re.compile(r"\[\[fault:([a-z_0-9]+)(?::(\d+))?\]\]")
DEFAULT_RETRY_AFTER_S = 0.2
DEFAULT_HANG_S = 30.0
MALFORMED_CONTENT = '{"salary_min": 60000,'
HALLUCINATED_NUMBERS = (123456, 987654, 424242, 777777, 31415926)
REFUSAL_TEXT = "I'm sorry, but I can't help with that request."
# kind -> (status, message, error type, error code) of the faults answered with an HTTP error.
_HTTP_FAULTS: dict[str, tuple[int, str, str, str | None]] = {
    "429": (429, "Rate limit reached (fake server).", "rate_limit_exceeded", "rate_limit_exceeded"),
    "500": (500, "The server had an error (fake server).", "server_error", None),
    "401": (401, "Incorrect API key provided.", "invalid_request_error", "invalid_api_key"),
}


# --- reading requests ------------------------------------------------------
def posting_fields(request: dict) -> dict:
    """The posting's fields of a request (the JSON object between the posting markers)."""
    text = last_user_text(request)
    start, end = text.find("{"), text.rfind("}")
    try:
        return json.loads(text[start : end + 1]) if start >= 0 and end > start else {}
    except ValueError:
        return {}


def answer_content(request: dict, answer: dict | str) -> str:
    """The message content the server sends for a responder's answer.

    A classification answer without a quote gets the posting's title as its evidence (the
    schema asks for one); tests that count completion tokens read the same content.
    """
    if isinstance(answer, str):
        return answer
    if "job_family" in answer and "evidence" not in answer:
        answer = {**answer, "evidence": posting_fields(request).get("title") or "job"}
    return json.dumps(answer)


def count_tokens(text: str | None) -> int:
    """Whitespace words / 0.75, rounded: crude but deterministic, so cost tests can assert."""
    return round(len((text or "").split()) / 0.75)


def message_text(message: dict) -> str:
    """A message's text; the API allows content as a string or a list of text parts."""
    content = message.get("content")
    if isinstance(content, list):
        return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
    return content if isinstance(content, str) else ""


def last_user_text(request: dict) -> str:
    """The last user message: where posting texts and fault markers live."""
    users = [m for m in request.get("messages") or [] if m.get("role") == "user"]
    return message_text(users[-1]) if users else ""


def json_schema_of(request: dict) -> dict:
    """The schema requested via response_format json_schema; {} for json_object or text."""
    fmt = request.get("response_format") or {}
    if fmt.get("type") != "json_schema":
        return {}
    return (fmt.get("json_schema") or {}).get("schema") or {}


def _properties(schema: dict) -> dict[str, tuple[dict, set[str]]]:
    """Top-level properties -> (resolved schema, non-null types), through $ref and Optional."""
    return {name: _resolve(prop, schema) for name, prop in schema.get("properties", {}).items()}


def _resolve(prop: dict, root: dict) -> tuple[dict, set[str]]:
    ref = prop.get("$ref", "")
    if ref.startswith("#/$defs/"):
        prop = root.get("$defs", {}).get(ref.rsplit("/", 1)[-1], {})
    branches = [b for b in prop.get("anyOf", []) if b.get("type") != "null"]
    if branches:
        return _resolve(branches[0], root)
    declared = prop.get("type", [])
    return prop, ({declared} if isinstance(declared, str) else set(declared)) - {"null"}


# --- answers ---------------------------------------------------------------
def null_answer(request: dict) -> dict:
    """Default responder: every schema property null, i.e. a valid 'found nothing' answer."""
    return {name: None for name in json_schema_of(request).get("properties", {})}


class FixtureResponder:
    """Answers from a table: the first key (insertion order) found in the last user message.

    Tests map posting texts (or unique snippets of them) to expected extractions;
    unmatched requests get `default`, or the all-null answer when that is None.
    """

    def __init__(self, answers: dict[str, dict], default: dict | None = None) -> None:
        self.answers, self.default = answers, default

    def __call__(self, request: dict) -> dict:
        text = last_user_text(request)
        found = next((a for key, a in self.answers.items() if key in text), self.default)
        return copy.deepcopy(found) if found is not None else null_answer(request)


def violating_answer(request: dict) -> dict:
    """Every property wrong-typed (or outside its enum), plus a field the schema forbids."""
    answer = {}
    for name, (prop, types) in _properties(json_schema_of(request)).items():
        wrong_for_str = 12345 if "string" in types else "__not_a_container__"
        numeric_or_enum = "enum" in prop or types & {"integer", "number", "boolean"}
        answer[name] = "__not_valid_here__" if numeric_or_enum else wrong_for_str
    return {**answer, "unexpected_field": "not in schema"}


def hallucinated_answer(answer: dict, request: dict) -> dict:
    """Schema-valid but wrong: numeric fields get a number that appears nowhere in the input."""
    text = json.dumps(request.get("messages"))
    fake = next((n for n in HALLUCINATED_NUMBERS if str(n) not in text), 10**12 + 7)
    numeric = {
        name
        for name, (prop, types) in _properties(json_schema_of(request)).items()
        if types & {"integer", "number"} and "enum" not in prop
    }
    numeric |= {k for k, v in answer.items() if type(v) in (int, float)}
    return {**answer, **dict.fromkeys(numeric, fake)}


def error_body(message: str, type_: str, code: str | None = None, param: str | None = None) -> dict:
    """An OpenAI-style error body, so the SDK maps it to its typed exceptions."""
    return {"error": {"message": message, "type": type_, "param": param, "code": code}}


class Reply(NamedTuple):
    status: int
    body: dict | bytes  # bytes: sent as they are (a body that is not JSON)
    headers: dict[str, str] | None = None


def _http_fault(kind: str, opts: dict) -> Reply:
    status, message, type_, code = _HTTP_FAULTS[kind]
    retry_after = {"Retry-After": str(opts.get("retry_after", DEFAULT_RETRY_AFTER_S))}
    return Reply(status, error_body(message, type_, code), retry_after if kind == "429" else {})


def _parse_request(raw: bytes) -> dict | None:
    """The JSON body if it is an object with a non-empty list of message objects, else None."""
    try:
        body = json.loads(raw or b"null")
    except ValueError:
        return None
    messages = body.get("messages") if isinstance(body, dict) else None
    ok = isinstance(messages, list) and messages and all(isinstance(m, dict) for m in messages)
    return body if ok else None


# --- HTTP plumbing ---------------------------------------------------------
class _HTTPServer(ThreadingHTTPServer):
    """Daemon handler threads and no join on close: a hanging request must not block stop()."""

    daemon_threads = True
    block_on_close = False
    request_queue_size = 128  # the default 5 drops connections with 16+ concurrent clients
    fake: FakeLLMServer


class _Handler(BaseHTTPRequestHandler):
    """HTTP/1.1 with keep-alive, as real providers serve: a client reuses its connections.

    Nagle's algorithm is off (TCP_NODELAY, as production servers set it): else the body,
    written after the headers on a kept-alive connection, waits for the client's
    delayed ACK (up to 40 ms a request).
    """

    server: _HTTPServer
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        received = time.monotonic()
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        reply = self.server.fake.handle(self.path, headers, raw, received)
        if reply is None:  # the server is stopping mid-request: just drop the connection
            self.close_connection = True
            return
        data = reply.body if isinstance(reply.body, bytes) else json.dumps(reply.body).encode()
        self.send_response(reply.status)
        for name, value in {
            "Content-Type": "application/json",
            "Content-Length": str(len(data)),
            **(reply.headers or {}),
        }.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass  # the client gave up (its timeout fired): nothing left to do

    def log_message(self, format: str, *args: Any) -> None:
        """Silence per-request logging; tests inspect `FakeLLMServer.requests` instead."""


class FakeLLMServer:
    """OpenAI-compatible `POST /v1/chat/completions` on 127.0.0.1 with knobs and faults.

    Config attributes (`responder`, `latency_s`, `supports_json_schema`,
    `required_api_key`, `known_models`) may change at any time: each request reads
    them once, and attribute reads/writes are atomic. Counters, the recorded
    requests and the fault queue are guarded by a lock.
    """

    def __init__(self, responder: Responder | None = None, latency_s: float = 0.0) -> None:
        self.responder: Responder = responder or null_answer
        self.latency_s = latency_s
        self.supports_json_schema = True
        self.required_api_key: str | None = None
        self.known_models: set[str] | None = None
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.reset()

    def start(self) -> Self:
        """Bind an ephemeral port (parallel test runs never clash) and serve in a daemon thread."""
        if self._httpd is None:
            self._stopping.clear()
            self._httpd = _HTTPServer(("127.0.0.1", 0), _Handler)
            self._httpd.fake = self
            self._thread = threading.Thread(
                target=self._httpd.serve_forever, args=(0.05,), name="fake-llm-server", daemon=True
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop fast: wake hanging/sleeping handlers first, then close the listener."""
        if self._httpd is not None and self._thread is not None:
            self._stopping.set()
            self._httpd.shutdown()
            self._httpd.server_close()
            self._thread.join(timeout=2)
            self._httpd = self._thread = None

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        """What to pass as `openai.OpenAI(base_url=...)`."""
        if self._httpd is None:
            raise RuntimeError("FakeLLMServer is not started")
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def reset(self) -> None:
        """Forget recorded requests, counts, queued faults and counted-marker history."""
        with self._lock:
            self.request_count = 0
            self.requests: list[dict] = []  # JSON bodies, in arrival order
            self.request_headers: list[dict[str, str]] = []  # lower-cased, never Authorization
            self.status_counts: Counter[int] = Counter()
            self._queued: deque[tuple[str, dict]] = deque()
            self._marker_seen: Counter[str] = Counter()

    def inject(self, kind: str, times: int = 1, **opts: Any) -> None:
        """Give the next `times` requests fault `kind` (opts: retry_after, hang_s)."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; expected one of {FAULT_KINDS}")
        with self._lock:
            self._queued.extend([(kind, opts)] * times)

    def handle(
        self, path: str, headers: dict[str, str], raw: bytes, received: float | None = None
    ) -> Reply | None:
        """Record the request (the API key is dropped first), answer it, count the status.

        The answer leaves `latency_s` after the request was `received` (time.monotonic()),
        whatever the server spent on it meanwhile: a benchmark's bound of
        max_concurrency / latency_s calls per second then holds for this server exactly.
        """
        received = time.monotonic() if received is None else received
        auth = headers.pop("authorization", "")
        request = _parse_request(raw)
        with self._lock:
            self.request_count += 1
            self.requests.append(request if request is not None else {})
            self.request_headers.append(headers)
        reply = self._reply(path, request, auth)
        if reply is not None and not self._pause(received + self.latency_s - time.monotonic()):
            reply = None
        if reply is not None:
            with self._lock:
                self.status_counts[reply.status] += 1
        return reply

    def _reply(self, path: str, request: dict | None, auth: str) -> Reply | None:
        """Checks in the order a real provider applies them, then faults, then the answer."""
        if path.rstrip("/") != "/v1/chat/completions":
            return Reply(404, error_body(f"Unknown path {path}", "invalid_request_error"))
        if request is None:
            return Reply(
                400,
                error_body(
                    "Body must be JSON with a non-empty 'messages' list.",
                    "invalid_request_error",
                    None,
                    "messages",
                ),
            )
        required = self.required_api_key
        if required is not None and auth != f"Bearer {required}":
            return _http_fault("401", {})
        kind, opts = self._next_fault(request)
        if kind in _HTTP_FAULTS:
            return _http_fault(kind, opts)
        if kind in _BODY_FAULTS:
            content_type, body = _BODY_FAULTS[kind]
            return Reply(200, body, {"Content-Type": content_type})
        if kind == "hang" and not self._pause(float(opts.get("hang_s", DEFAULT_HANG_S))):
            return None
        return self._capability_error(request) or Reply(200, self._completion(request, kind))

    def _pause(self, seconds: float) -> bool:
        """Sleep unless the server stops meanwhile; False means 'stopping, drop the request'."""
        return not self._stopping.wait(seconds) if seconds > 0 else not self._stopping.is_set()

    def _next_fault(self, request: dict) -> tuple[str | None, dict]:
        """A queued fault first, else a `[[fault:kind]]` / `[[fault:kind:n]]` marker."""
        with self._lock:
            if self._queued:
                return self._queued.popleft()
        match = MARKER_RE.search(last_user_text(request))
        if not match or match.group(1) not in FAULT_KINDS:
            return None, {}
        if match.group(2) is None:
            return match.group(1), {}
        key = json.dumps(request["messages"], sort_keys=True)
        with self._lock:  # fail only the first n identical requests, so client retries succeed
            self._marker_seen[key] += 1
            seen = self._marker_seen[key]
        return (match.group(1), {}) if seen <= int(match.group(2)) else (None, {})

    def _capability_error(self, request: dict) -> Reply | None:
        """The errors a provider gives for an unknown model or unsupported structured outputs."""
        model, known = request.get("model"), self.known_models
        if known is not None and model not in known:
            return Reply(
                404,
                error_body(
                    f"The model `{model}` does not exist or you do not have access to it.",
                    "invalid_request_error",
                    "model_not_found",
                    "model",
                ),
            )
        json_schema = (request.get("response_format") or {}).get("type") == "json_schema"
        if json_schema and not self.supports_json_schema:
            return Reply(
                400,
                error_body(
                    "Invalid parameter: response_format json_schema not supported by this model; "
                    "use json_object.",
                    "invalid_request_error",
                    None,
                    "response_format",
                ),
            )
        return None

    def _completion(self, request: dict, kind: str | None) -> dict:
        """A chat.completion object; the content depends on the fault kind (None = normal)."""
        content = self._content(request, kind)
        refusal = REFUSAL_TEXT if kind == "refusal" else None
        prompt = count_tokens(" ".join(message_text(m) for m in request["messages"]))
        completion = count_tokens(content if content is not None else refusal)
        message = {"role": "assistant", "content": content, "refusal": refusal}
        return {
            "id": f"chatcmpl-fake-{self.request_count:06d}",
            "object": "chat.completion",
            "created": 1700000000,
            "model": request.get("model", ""),
            "system_fingerprint": "fake-llm",
            "choices": [
                {"index": 0, "message": message, "finish_reason": "stop", "logprobs": None}
            ],
            "usage": {
                "prompt_tokens": prompt,
                "completion_tokens": completion,
                "total_tokens": prompt + completion,
            },
        }

    def _content(self, request: dict, kind: str | None) -> str | None:
        if kind == "refusal":
            return None
        if kind == "malformed":
            return MALFORMED_CONTENT
        if kind == "schema_violation":
            return json.dumps(violating_answer(request))
        answer = self.responder(request)
        if kind == "hallucinate" and isinstance(answer, dict):
            answer = hallucinated_answer(answer, request)
        return answer_content(request, answer)
