"""Python helpers for the job-postings project: sample-data generator and UDFs."""
