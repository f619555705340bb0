"""What the fake LLM server answers to llm_extract_skills requests.

The fake server hands every request to one responder; the skills task is told apart from
the others by its structured-output schema (a ``skills`` property) or, for servers without
json_schema support, by its system prompt. :func:`with_skills` puts a skills responder in
front of any other responder, so tests written for the salary, experience and
classification tasks keep their own answers when a build also asks for skills.
"""

from __future__ import annotations

import json
import re

from .server import Responder, json_schema_of, last_user_text

SKILLS_PROMPT_START = "You list the skills"
_BLOCK = re.compile(r"<<<POSTING\n(.*)\nPOSTING>>>", re.DOTALL)


def is_skills_request(request: dict) -> bool:
    """Whether the request comes from llm_extract_skills."""
    if "skills" in json_schema_of(request).get("properties", {}):
        return True
    messages = request.get("messages") or [{}]
    return str(messages[0].get("content", "")).startswith(SKILLS_PROMPT_START)


def posting_description(request: dict) -> str:
    """The description sent (the JSON object between the posting markers), '' if none."""
    match = _BLOCK.search(last_user_text(request))
    if match is None:
        return ""
    return json.loads(match.group(1)).get("description") or ""


class SkillsResponder:
    """Answers ``{"skills": [...]}``: the list of the first snippet found in the description.

    ``answers`` maps unique snippets of descriptions (e.g. a reference code) to the skills
    the fake model names; a description matching none gets ``default`` (no skills).
    """

    def __init__(self, answers: dict[str, list[str]], default: list[str] | None = None) -> None:
        self.answers = answers
        self.default = default or []

    def __call__(self, request: dict) -> dict:
        description = posting_description(request)
        found = next((s for key, s in self.answers.items() if key in description), self.default)
        return {"skills": list(found)}


def with_skills(other: Responder, skills: Responder | None = None) -> Responder:
    """Skills requests to ``skills`` (default: no skills found), all others to ``other``."""
    skills = skills or SkillsResponder({})

    def respond(request: dict) -> dict | str:
        return skills(request) if is_skills_request(request) else other(request)

    return respond
