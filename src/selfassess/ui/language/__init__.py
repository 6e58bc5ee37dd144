"""The assessment's language and the interface's, as the window shows them: the bar that offers,
once per assessment, to switch the interface to the assessment's language."""
