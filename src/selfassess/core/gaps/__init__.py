"""Gap analysis: each criterion's status against the standard, severities, scores, readiness,
views by standard and comparison with a baseline. Pure functions over an assessment's answers."""
