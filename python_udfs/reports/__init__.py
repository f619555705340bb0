"""Reports read from a built warehouse: the salary table, evaluation tables, accuracy."""
