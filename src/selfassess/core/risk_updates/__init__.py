"""Newer risk tables, signed by a programme the user trusts, and installing them (docs/risk.md)."""
