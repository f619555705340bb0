"""One chat fine-tuning example: built from what the UDFs send, checked before it is written.

A fine-tuned model only helps if training looks like inference, so an example is made of
the task's current system prompt (:func:`python_udfs.llm.tasks.load_prompt`), the user
message :meth:`Task.user_message` builds for the same input values, and, as the answer, the
JSON of the task's extraction model: exactly what the UDF asks the model for.

:func:`check_example` is the format check OpenAI's chat fine-tuning applies (one object
with a ``messages`` list; system, user, assistant; non-empty string contents) plus ours:
the answer must pass the task's pydantic contract, and the example must fit a token bound.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from python_udfs.llm.runner import PROMPTS_DIR_ENV
from python_udfs.llm.tasks import BLOCK_END, BLOCK_START, PROMPTS_DIR, TASKS, Prompt

ROLES = ("system", "user", "assistant")
# Upper bound on an example's estimated tokens. Inputs are cut at llm_max_input_chars
# (6,000) and prompts are short, so a real example stays far below; a longer one means a
# broken input. Hosted models accept far more per example (gpt-4o-mini: 65,536).
MAX_EXAMPLE_TOKENS = 16_384


class ExampleError(ValueError):
    """A fine-tuning example that does not match the format; says which rule it breaks."""


def prompts_dir() -> Path:
    """Where the UDFs read their prompts: $SALARY_INSIGHTS_LLM_PROMPTS_DIR or the package's."""
    return Path(os.environ.get(PROMPTS_DIR_ENV) or PROMPTS_DIR)


def approx_tokens(text: str) -> int:
    """A conservative token estimate: one token per 3 UTF-8 bytes, rounded up.

    English runs at about 4 characters a token, German or French with accents at fewer;
    bytes / 3 over-estimates both, which is the safe side for a bound.
    """
    return -(-len(text.encode("utf-8")) // 3)


def build_example(
    task_name: str, prompt: Prompt, values: Sequence[str | None], target: BaseModel
) -> dict[str, Any]:
    """The ``{"messages": [...]}`` object of one example (not yet checked)."""
    task = TASKS[task_name]
    if not isinstance(target, task.extraction):
        raise TypeError(f"{task_name} target must be a {task.extraction.__name__}")
    return {
        "messages": [
            {"role": "system", "content": prompt.system},
            {"role": "user", "content": task.user_message(values)},
            {"role": "assistant", "content": target.model_dump_json()},
        ]
    }


def check_example(example: Any, task_name: str) -> BaseModel:
    """Raise ExampleError unless ``example`` is a valid line; return its parsed answer."""
    if not isinstance(example, dict) or set(example) != {"messages"}:
        raise ExampleError("an example is an object with exactly one key, 'messages'")
    messages = example["messages"]
    if not isinstance(messages, list) or len(messages) != len(ROLES):
        raise ExampleError(f"'messages' must be a list of {len(ROLES)} messages: {ROLES}")
    for position, (message, role) in enumerate(zip(messages, ROLES, strict=True)):
        if not isinstance(message, dict) or set(message) != {"role", "content"}:
            raise ExampleError(f"message {position} must have exactly 'role' and 'content'")
        if message["role"] != role:
            raise ExampleError(f"message {position} has role {message['role']!r}, not {role!r}")
        content = message["content"]
        if not isinstance(content, str) or not content.strip():
            raise ExampleError(f"message {position} ({role}) has empty or non-string content")
    user = messages[1]["content"]
    if not (user.startswith(BLOCK_START + "\n") and user.endswith("\n" + BLOCK_END)):
        raise ExampleError("the user message is not a posting block as the UDFs send it")
    tokens = sum(approx_tokens(m["content"]) for m in messages)
    if tokens > MAX_EXAMPLE_TOKENS:
        raise ExampleError(f"about {tokens} tokens, above the bound of {MAX_EXAMPLE_TOKENS}")
    model = TASKS[task_name].extraction
    try:
        return model.model_validate_json(messages[2]["content"])
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "answer"
        raise ExampleError(
            f"assistant content is not a valid {model.__name__}: {where}: {first['msg']}"
        ) from None


def example_line(example: dict[str, Any], task_name: str) -> str:
    """The checked JSONL line of an example (no trailing newline)."""
    check_example(example, task_name)
    return json.dumps(example, ensure_ascii=False)


def check_jsonl(path: Any, task_name: str) -> int:
    """Check every line of a JSONL file; return the number of examples.

    Raises ExampleError naming the first bad line: a hand-edited file is refused before it
    is uploaded and paid for.
    """
    count = 0
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            try:
                check_example(json.loads(line), task_name)
            except ValueError as exc:  # a JSON error, or an ExampleError
                raise ExampleError(f"{path} line {number}: {exc}") from None
            count += 1
    return count
