"""The local job-family / seniority model: trained on the rule labels, applied in SQL.

``train`` (CLI ``python -m python_udfs.model.train``) writes a versioned artifact,
``retrain`` only activates a candidate that scores at least as well, and
``register_model_udfs`` exposes ``model_classify_job(title, description)`` on a DuckDB
connection. Offline and CPU-only: TF-IDF n-grams + logistic regression.
"""
