"""Pytest fixtures for the fake LLM server.

Import them into a conftest.py (`from tests.fake_llm_fixtures import fake_llm`)
so each test gets a fresh server, and a stuck or faulty one never leaks
into the next test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from python_udfs.testing.fake_llm.server import FakeLLMServer


@pytest.fixture
def fake_llm() -> Iterator[FakeLLMServer]:
    """A started FakeLLMServer with default settings; stopped (even mid-hang) after the test."""
    with FakeLLMServer() as server:
        yield server
