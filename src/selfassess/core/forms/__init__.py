"""Questionnaire definitions: the format (pydantic models), loading with located errors, checks,
identity hashes and discovery of the built-in and user forms."""
