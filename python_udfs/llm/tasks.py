"""The four LLM tasks: what each sends, and how each answer is judged.

A task ties together a prompt file, the input fields of the posting it reads, the
extraction model the answer must match and the result model a UDF returns. Judging an
answer is the same for every task, in this order: a refusal is ``refused``; content that
is not JSON or not the schema is ``invalid_output``; a number (or, for skills, a skill) that
the posting does not state is ``ungrounded``; only then is the answer ``ok``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ValidationError

from python_udfs.llm.grounding import (
    check_classification_grounded,
    check_experience_grounded,
    check_salary_grounded,
)
from python_udfs.llm.schemas import (
    ClassificationResult,
    ExperienceExtraction,
    ExperienceResult,
    JobClassification,
    SalaryExtraction,
    SalaryResult,
    SkillsExtraction,
    SkillsResult,
)
from python_udfs.llm.skills import check_skills_grounded

PROMPTS_DIR = Path(__file__).with_name("prompts")
# Posting text is passed as JSON between these markers; '<' and '>' inside the text are
# escaped (\u003c, \u003e), so no posting can close the block and speak as the prompt.
BLOCK_START, BLOCK_END = "<<<POSTING", "POSTING>>>"


@dataclass(frozen=True)
class Prompt:
    """One version of a task's system prompt, read from ``prompts/<task>_v<N>.md``."""

    task: str
    version: str  # 'salary_v1': the file's stem, part of every cache key and output row
    system: str


def load_prompt(task: str, prompts_dir: Path = PROMPTS_DIR, version: str | None = None) -> Prompt:
    """The requested version of a task's prompt, or its newest (highest N) when None.

    Not memoised: a long-lived process (a notebook, dbt invoked in-process) must see a
    prompt file added since its last run. One Enricher (one run) keeps what it loaded.
    """
    if version is None:
        files = sorted(
            prompts_dir.glob(f"{task}_v*.md"),
            key=lambda p: (
                int(p.stem.rsplit("_v", 1)[1]) if p.stem.rsplit("_v", 1)[1].isdigit() else -1
            ),
        )
        if not files:
            raise FileNotFoundError(f"no prompt file {task}_v<N>.md in {prompts_dir}")
        path = files[-1]
    else:
        path = prompts_dir / f"{version}.md"
        if not path.is_file():
            raise FileNotFoundError(f"prompt version {version!r} not found in {prompts_dir}")
    return Prompt(task=task, version=path.stem, system=path.read_text(encoding="utf-8").strip())


def posting_block(fields: dict[str, str | None]) -> str:
    """The user message: the posting's fields as one escaped JSON object between markers."""
    data = json.dumps(fields, ensure_ascii=False)
    data = data.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"{BLOCK_START}\n{data}\n{BLOCK_END}"


def input_hash(values: Sequence[str | None]) -> str:
    """Hash of a task's normalised input (white space collapsed): the cache and dedup key."""
    parts = [" ".join(v.split()) if v is not None else "\x00" for v in values]
    return hashlib.md5("\x1f".join(parts).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Task:
    """One LLM extraction: its inputs, contracts and grounding check."""

    name: str
    input_fields: tuple[str, ...]
    extraction: type[BaseModel]
    result: type[BaseModel]
    # grounding check: None when every number (skill) of the answer occurs in the text
    grounding: Callable[[BaseModel, str], str | None] | None

    def user_message(self, values: Sequence[str | None]) -> str:
        return posting_block(dict(zip(self.input_fields, values, strict=True)))

    def judge(
        self, content: str | None, refusal: str | None, values: Sequence[str | None]
    ) -> BaseModel:
        """The result for one answer: refused, invalid_output, ungrounded or ok."""
        if refusal or content is None:
            return self.result.failed("refused", refusal or "the model returned no content")
        try:
            extraction = self.extraction.model_validate_json(content)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ())) or "answer"
            return self.result.failed("invalid_output", f"{where}: {first.get('msg', '')}")
        if self.grounding is not None:
            text = "\n".join(v for v in values if v)
            problem = self.grounding(extraction, text)
            if problem:
                return self.result.failed("ungrounded", problem)
        return self.result.succeeded(extraction)


TASKS: dict[str, Task] = {
    "salary": Task("salary", ("text",), SalaryExtraction, SalaryResult, check_salary_grounded),
    "experience": Task(
        "experience", ("text",), ExperienceExtraction, ExperienceResult, check_experience_grounded
    ),
    # job family and seniority are labels: the answer's quote of the posting is grounded
    "classification": Task(
        "classification",
        ("title", "description"),
        JobClassification,
        ClassificationResult,
        check_classification_grounded,
    ),
    # skills the dictionary misses: every skill must be written in the description
    "skills": Task(
        "skills", ("description",), SkillsExtraction, SkillsResult, check_skills_grounded
    ),
}
