"""The fake LLM server, extended with OpenAI's files and fine-tuning-jobs endpoints.

Hosted fine-tuning is a slow, paid, asynchronous API: a test cannot wait an hour or pay for
a job, and must reproduce a failed one on demand. :class:`FakeFineTuneServer` adds to
:class:`~python_udfs.testing.fake_llm.server.FakeLLMServer` (whose chat completions keep working):

* ``POST /v1/files`` (multipart, as the SDK sends it): stores the bytes; a ``fine-tune``
  file must be JSONL whose every line has a non-empty ``messages`` list, else HTTP 400;
* ``GET /v1/files/{id}`` and ``GET /v1/files/{id}/content``;
* ``POST /v1/fine_tuning/jobs``: a job in ``validating_files``; each
  ``GET /v1/fine_tuning/jobs/{id}`` moves it on: ``running`` for ``running_polls`` polls
  (one metrics event each), then ``succeeded`` with ``fine_tuned_model``
  ``ft:<base>:salary-insights:<suffix>:<id>`` and a result file of metrics, or ``failed``
  after :meth:`FakeFineTuneServer.fail_next_job`;
* ``GET /v1/fine_tuning/jobs/{id}/events`` (newest first, as the API lists them) and
  ``POST /v1/fine_tuning/jobs/{id}/cancel``.

A succeeded model is added to ``known_models`` (when that is set), so chat completions
accept it. The Authorization header is never recorded.
"""

from __future__ import annotations

import base64
import email.parser
import email.policy
import itertools
import json
import re
from collections import deque
from typing import Any, NamedTuple
from urllib.parse import parse_qs, urlsplit

from .server import FakeLLMServer, Reply, _Handler, _http_fault, error_body

ORGANIZATION = "salary-insights"
_FILE = re.compile(r"/v1/files/(?P<id>[^/]+)(?P<content>/content)?")
_JOB = re.compile(r"/v1/fine_tuning/jobs/(?P<id>[^/]+)(?P<action>/events|/cancel)?")
_TIME = 1_700_000_000  # fixed timestamps: deterministic bodies


class RawReply(NamedTuple):
    """A non-JSON answer (file content)."""

    status: int
    data: bytes
    content_type: str = "application/octet-stream"


def parse_multipart(content_type: str, raw: bytes) -> dict[str, tuple[str | None, bytes]]:
    """Form field name -> (file name, bytes) of a multipart/form-data body."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + raw)
    if not message.is_multipart():
        raise ValueError("expected a multipart/form-data body")
    fields = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        fields[str(name)] = (part.get_filename(), part.get_payload(decode=True) or b"")
    return fields


def fine_tune_file_problem(data: bytes) -> str | None:
    """Why a fine-tune upload is not chat JSONL, or None: every line needs a messages list."""
    lines = [line for line in data.decode("utf-8", "replace").splitlines() if line.strip()]
    if not lines:
        return "the file is empty"
    for number, line in enumerate(lines, start=1):
        try:
            example = json.loads(line)
        except ValueError:
            return f"line {number} is not valid JSON"
        messages = example.get("messages") if isinstance(example, dict) else None
        if not isinstance(messages, list) or not messages:
            return f"line {number} has no 'messages' list"
        for message in messages:
            ok = isinstance(message, dict) and message.get("role") in (
                "system", "user", "assistant") and isinstance(message.get("content"), str)  # fmt: skip
            if not ok:
                return f"line {number} has a message without a valid role and string content"
        if not any(m["role"] == "assistant" for m in messages):
            return f"line {number} has no assistant message"
    return None


class _FineTuneHandler(_Handler):
    """Adds GET and routes files / fine-tuning POSTs; chat completions go to the base handler."""

    def do_GET(self) -> None:
        self._api("GET")

    def do_POST(self) -> None:
        if urlsplit(self.path).path.startswith(("/v1/files", "/v1/fine_tuning")):
            self._api("POST")
        else:
            super().do_POST()

    def _api(self, method: str) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        headers = {k.lower(): v for k, v in self.headers.items()}
        fake: FakeFineTuneServer = self.server.fake  # type: ignore[assignment]
        reply = fake.handle_api(method, self.path, headers, raw)
        if reply is None:
            return
        if isinstance(reply, RawReply):
            status, data, extra = reply.status, reply.data, {"Content-Type": reply.content_type}
        else:
            status, data = reply.status, json.dumps(reply.body).encode()
            extra = {"Content-Type": "application/json", **(reply.headers or {})}
        self.send_response(status)
        for name, value in {"Content-Length": str(len(data)), **extra}.items():
            self.send_header(name, value)
        self.end_headers()
        try:
            self.wfile.write(data)
        except OSError:
            pass


class FakeFineTuneServer(FakeLLMServer):
    """FakeLLMServer plus files and fine-tuning jobs; see the module docstring.

    ``running_polls``: how many job retrievals report ``running`` before the job ends.
    ``result_files_base64``: serve the result CSV base64-encoded, as OpenAI does.
    """

    def __init__(self, *args: Any, running_polls: int = 2, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.running_polls = running_polls
        self.result_files_base64 = True

    def reset(self) -> None:
        """Also forget files, jobs, queued job failures and the recorded API calls."""
        super().reset()
        with self._lock:
            self.files: dict[str, dict[str, Any]] = {}
            self.jobs: dict[str, dict[str, Any]] = {}
            self.api_requests: list[dict[str, Any]] = []  # method, path, headers (no auth)
            self._failures: deque[tuple[str, str]] = deque()
            self._ids = itertools.count(1)

    def start(self) -> FakeFineTuneServer:
        """Start as the base server does, then answer with the handler that knows GET."""
        super().start()
        assert self._httpd is not None
        self._httpd.RequestHandlerClass = _FineTuneHandler  # read per request
        return self

    def fail_next_job(self, message: str, code: str = "invalid_training_file") -> None:
        """The next job created ends in ``failed`` with this error instead of succeeding."""
        with self._lock:
            self._failures.append((message, code))

    # ------------------------------------------------------------ dispatch
    def handle_api(
        self, method: str, url: str, headers: dict[str, str], raw: bytes
    ) -> Reply | RawReply | None:
        """Record the call without its credentials, check auth, answer it."""
        auth = headers.pop("authorization", "")
        path = urlsplit(url).path.rstrip("/")
        with self._lock:
            self.api_requests.append({"method": method, "path": path, "headers": headers})
        if not self._pause(self.latency_s):
            return None
        required = self.required_api_key
        if required is not None and auth != f"Bearer {required}":
            reply: Reply | RawReply = _http_fault("401", {})
        else:
            reply = self._route(method, path, parse_qs(urlsplit(url).query), headers, raw)
        with self._lock:
            self.status_counts[reply.status] += 1
        return reply

    def _route(
        self, method: str, path: str, query: dict, headers: dict[str, str], raw: bytes
    ) -> Reply | RawReply:
        if method == "POST" and path == "/v1/files":
            return self._upload(headers.get("content-type", ""), raw)
        if method == "POST" and path == "/v1/fine_tuning/jobs":
            return self._create_job(raw)
        file_match, job_match = _FILE.fullmatch(path), _JOB.fullmatch(path)
        if method == "GET" and file_match:
            return self._file(file_match["id"], bool(file_match["content"]))
        if job_match and (method, job_match["action"]) == ("GET", None):
            return self._retrieve_job(job_match["id"])
        if job_match and (method, job_match["action"]) == ("GET", "/events"):
            return self._events(job_match["id"], int((query.get("limit") or ["20"])[0]))
        if job_match and (method, job_match["action"]) == ("POST", "/cancel"):
            return self._cancel(job_match["id"])
        return Reply(404, error_body(f"Unknown path {method} {path}", "invalid_request_error"))

    # ------------------------------------------------------------ files
    def _upload(self, content_type: str, raw: bytes) -> Reply:
        try:
            form = parse_multipart(content_type, raw)
            filename, data = form["file"]
            purpose = form["purpose"][1].decode()
        except (ValueError, KeyError) as exc:
            return Reply(400, error_body(f"Invalid upload: {exc}", "invalid_request_error"))
        if purpose == "fine-tune":
            problem = fine_tune_file_problem(data)
            if problem:
                return Reply(400, error_body(
                    f"Invalid file format for Fine-Tuning API: {problem}.",
                    "invalid_request_error", "invalid_file_format", "file"))  # fmt: skip
        return Reply(200, self._store_file(filename or "upload.jsonl", purpose, data))

    def _store_file(self, filename: str, purpose: str, data: bytes) -> dict[str, Any]:
        with self._lock:
            file_id = f"file-fake{next(self._ids):06d}"
            obj = {"id": file_id, "object": "file", "bytes": len(data), "created_at": _TIME,
                   "filename": filename, "purpose": purpose, "status": "processed",
                   "status_details": None, "expires_at": None}  # fmt: skip
            self.files[file_id] = {**obj, "content": data}
        return obj

    def _file(self, file_id: str, content: bool) -> Reply | RawReply:
        with self._lock:
            stored = self.files.get(file_id)
        if stored is None:
            return Reply(404, error_body(f"No such File object: {file_id}",
                                         "invalid_request_error", None, "id"))  # fmt: skip
        if content:
            return RawReply(200, stored["content"])
        return Reply(200, {k: v for k, v in stored.items() if k != "content"})

    # ------------------------------------------------------------ jobs
    def _create_job(self, raw: bytes) -> Reply:
        try:
            body = json.loads(raw or b"null")
            model, training_file = body["model"], body["training_file"]
        except (ValueError, KeyError, TypeError):
            return Reply(400, error_body("Body must be JSON with 'model' and 'training_file'.",
                                         "invalid_request_error"))  # fmt: skip
        for param in ("training_file", "validation_file"):
            file_id = body.get(param)
            if param == "validation_file" and file_id is None:
                continue
            with self._lock:
                stored = self.files.get(file_id)
            if stored is None or stored["purpose"] != "fine-tune":
                return Reply(400, error_body(f"invalid {param}: {file_id}",
                                             "invalid_request_error", None, param))  # fmt: skip
        with self._lock:
            job_id = f"ftjob-fake{next(self._ids):06d}"
            failure = self._failures.popleft() if self._failures else None
            job = {
                "id": job_id, "object": "fine_tuning.job", "created_at": _TIME, "error": None,
                "fine_tuned_model": None, "finished_at": None,
                "hyperparameters": {"n_epochs": 3, "batch_size": 1,
                                    "learning_rate_multiplier": 1.8},
                "model": model, "organization_id": f"org-{ORGANIZATION}", "result_files": [],
                "seed": 42, "status": "validating_files", "trained_tokens": None,
                "training_file": training_file, "validation_file": body.get("validation_file"),
                "estimated_finish": None, "integrations": [], "metadata": None,
                "suffix": body.get("suffix"),
            }  # fmt: skip
            self.jobs[job_id] = {"job": job, "polls": 0, "events": [], "failure": failure}
            self._event(job_id, f"Created fine-tuning job: {job_id}")
            self._event(job_id, f"Validating training file: {training_file}")
        return Reply(200, _public(job))

    def _retrieve_job(self, job_id: str) -> Reply:
        with self._lock:
            state = self.jobs.get(job_id)
            if state is None:
                return _no_job(job_id)
            if state["job"]["status"] in ("validating_files", "running"):
                state["polls"] += 1
                self._advance(job_id, state)
            return Reply(200, _public(state["job"]))

    def _advance(self, job_id: str, state: dict[str, Any]) -> None:
        """One poll's progress (lock held): running with a metrics event, then the end."""
        job, polls = state["job"], state["polls"]
        if polls == 1:
            self._event(job_id, "Files validated, moving job to queued state")
            self._event(job_id, "Fine-tuning job started")
        if polls <= self.running_polls:
            job["status"] = "running"
            metrics = _metrics(polls, self.running_polls)
            self._event(job_id, f"Step {polls}/{self.running_polls}: training loss="
                        f"{metrics['train_loss']:.4f}, validation loss={metrics['valid_loss']:.4f}",
                        kind="metrics", data=metrics)  # fmt: skip
            return
        job["finished_at"] = _TIME + 60 * polls
        if state["failure"] is not None:
            message, code = state["failure"]
            job["status"], job["error"] = "failed", {"code": code, "message": message,
                                                     "param": None}  # fmt: skip
            self._event(job_id, f"Fine-tuning job failed: {message}", level="error")
            return
        suffix = job.get("suffix") or ""
        model = f"ft:{job['model']}:{ORGANIZATION}:{suffix}:{job_id.rsplit('fake', 1)[-1]}"
        job["status"], job["fine_tuned_model"] = "succeeded", model
        job["trained_tokens"] = 1000 * self.running_polls
        job["result_files"] = [self._result_file(job_id)]
        if self.known_models is not None:
            self.known_models = {*self.known_models, model}
        self._event(job_id, f"New fine-tuned model created: {model}")
        self._event(job_id, "The job has successfully completed")

    def _result_file(self, job_id: str) -> str:
        """The metrics CSV OpenAI attaches to a finished job (lock held)."""
        columns = ("step", "train_loss", "train_accuracy", "valid_loss",
                   "valid_mean_token_accuracy", "full_valid_loss",
                   "full_valid_mean_token_accuracy")  # fmt: skip
        lines = [",".join(columns)]
        for step in range(1, self.running_polls + 1):
            m = _metrics(step, self.running_polls)
            last = step == self.running_polls
            values = [step, m["train_loss"], m["train_mean_token_accuracy"], m["valid_loss"],
                      m["valid_mean_token_accuracy"], m["valid_loss"] if last else "",
                      m["valid_mean_token_accuracy"] if last else ""]  # fmt: skip
            lines.append(",".join(str(v) for v in values))
        data = ("\n".join(lines) + "\n").encode()
        if self.result_files_base64:
            data = base64.b64encode(data)
        file_id = f"file-fake{next(self._ids):06d}"
        self.files[file_id] = {"id": file_id, "object": "file", "bytes": len(data),
                               "created_at": _TIME, "filename": f"step_metrics_{job_id}.csv",
                               "purpose": "fine-tune-results", "status": "processed",
                               "status_details": None, "expires_at": None, "content": data}  # fmt: skip
        return file_id

    def _events(self, job_id: str, limit: int) -> Reply:
        with self._lock:
            state = self.jobs.get(job_id)
            if state is None:
                return _no_job(job_id)
            newest_first = list(reversed(state["events"]))
        page = newest_first[:limit]
        return Reply(200, {"object": "list", "data": page, "has_more": len(newest_first) > limit})

    def _cancel(self, job_id: str) -> Reply:
        with self._lock:
            state = self.jobs.get(job_id)
            if state is None:
                return _no_job(job_id)
            if state["job"]["status"] in ("validating_files", "queued", "running"):
                state["job"]["status"] = "cancelled"
                self._event(job_id, "Fine-tuning job cancelled")
            return Reply(200, _public(state["job"]))

    def _event(
        self, job_id: str, message: str, level: str = "info", kind: str = "message",
        data: dict | None = None,
    ) -> None:  # fmt: skip
        """Append an event to a job (lock held)."""
        events = self.jobs[job_id]["events"]
        events.append({"object": "fine_tuning.job.event", "id": f"ftevent-{job_id}-{len(events)}",
                       "created_at": _TIME + len(events), "level": level, "message": message,
                       "data": data or {}, "type": kind})  # fmt: skip


def _public(job: dict[str, Any]) -> dict[str, Any]:
    """The job as the API shows it: a copy, without our bookkeeping."""
    return {k: v for k, v in json.loads(json.dumps(job)).items() if k != "suffix"}


def _no_job(job_id: str) -> Reply:
    return Reply(404, error_body(f"No such fine-tuning job: {job_id}", "invalid_request_error",
                                 "fine_tune_not_found", "fine_tuning_job_id"))  # fmt: skip


def _metrics(step: int, steps: int) -> dict[str, float | int]:
    """Deterministic, improving metrics for a step."""
    progress = step / max(steps, 1)
    return {
        "step": step, "total_steps": steps,
        "train_loss": round(1.2 - 0.9 * progress, 4),
        "valid_loss": round(1.3 - 0.9 * progress, 4),
        "train_mean_token_accuracy": round(0.6 + 0.35 * progress, 4),
        "valid_mean_token_accuracy": round(0.55 + 0.35 * progress, 4),
    }  # fmt: skip


__all__ = ["FakeFineTuneServer", "RawReply", "fine_tune_file_problem", "parse_multipart"]
