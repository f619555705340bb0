"""LLM extraction UDFs: the output contracts (schemas) and the trust checks (grounding)."""
