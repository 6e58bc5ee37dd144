"""Answers judged against their form: typed values and their validation, relevance, rules and
progress. Below the gap engine and the assessment service, which both read it."""
