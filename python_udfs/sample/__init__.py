"""Input data for the warehouse: the synthetic sample and real postings converted to the input contract."""
