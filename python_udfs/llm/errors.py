"""The errors an LLM call can end in, apart from the client that raises them.

Kept out of ``client.py`` so that code which only catches them (the runner) does not
import the openai SDK: with the LLM off, a dbt run never needs it, and importing it costs
every invocation about a second.
"""

from __future__ import annotations


class LLMCallError(Exception):
    """A call that failed for good; ``kind`` says why, in words a result row can carry.

    Kinds: timeout, connection, rate_limited, server_error, bad_request, auth, permission,
    not_found, invalid_response, api_error, circuit_open (the breaker opened on a setting
    to fix: key, model, URL path), outage (the breaker opened on an endpoint that does
    not answer: connection errors, timeouts, 5xx, 429).
    """

    def __init__(
        self, message: str, *, kind: str, retries: int = 0, status_code: int | None = None
    ) -> None:
        super().__init__(message)
        self.message, self.kind, self.retries, self.status_code = (
            message,
            kind,
            retries,
            status_code,
        )

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, kind={self.kind!r})"


class CircuitOpenError(LLMCallError):
    """The breaker is open: no request is sent, and the message names the cause once.

    kind ``circuit_open`` (a setting is wrong) fails the query: the run stops with one clear
    message. kind ``outage`` (the endpoint does not answer) does not: the runner answers the
    remaining inputs with status error, so the warehouse refreshes with what rules and the
    local model decided, and those inputs are asked again next run.
    """
