"""The gaps and plan screen: readiness, the status chart, the gap table, the view by standard
and the improvement plan."""
