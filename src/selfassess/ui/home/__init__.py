"""The home screen: the list of assessments and what can be done with them."""
