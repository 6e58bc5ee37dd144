"""Offering to upgrade an assessment filled on an older version of its form."""
