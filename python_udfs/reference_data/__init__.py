"""Refreshers of the reference seeds the warehouse ships (exchange rates), run by maintainers."""
