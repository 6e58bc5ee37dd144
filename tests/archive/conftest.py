"""The store tests' fixtures (a service over a temporary home, the sample form, a draft)."""

from tests.store.conftest import ASM_GOLD, draft, sample_form, service

__all__ = ["ASM_GOLD", "draft", "sample_form", "service"]
