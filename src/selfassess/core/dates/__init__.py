"""Dates as people type and read them, in the interface language's order or in ISO."""
