"""A fake OpenAI-compatible LLM server, so LLM UDF tests run offline and deterministically."""

from .server import (
    DEFAULT_HANG_S,
    DEFAULT_RETRY_AFTER_S,
    FAULT_KINDS,
    HALLUCINATED_NUMBERS,
    MALFORMED_CONTENT,
    REFUSAL_TEXT,
    FakeLLMServer,
    FixtureResponder,
    Responder,
    answer_content,
    count_tokens,
    hallucinated_answer,
    last_user_text,
    null_answer,
    violating_answer,
)

__all__ = [
    "DEFAULT_HANG_S",
    "DEFAULT_RETRY_AFTER_S",
    "FAULT_KINDS",
    "HALLUCINATED_NUMBERS",
    "MALFORMED_CONTENT",
    "REFUSAL_TEXT",
    "FakeLLMServer",
    "FixtureResponder",
    "Responder",
    "answer_content",
    "count_tokens",
    "hallucinated_answer",
    "last_user_text",
    "null_answer",
    "violating_answer",
]
