"""Helpers for the US-China trade-fight book: load and check data, build figures, glue numbers."""
