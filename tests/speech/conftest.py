"""The speech tests' fixtures: the sample form."""

from tests.store.conftest import sample_form

__all__ = ["sample_form"]
