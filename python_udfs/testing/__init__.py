"""Test doubles shipped with the package: the fake OpenAI-compatible LLM server (tests and bench use it)."""
