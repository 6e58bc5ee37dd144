"""One app window per data home: the second start finds the first and asks what to do."""
