"""Reading questions aloud through the system's speech engine, for people who read little.

`engines` finds an engine (espeak-ng or espeak anywhere, `say` on macOS, SAPI through PowerShell
on Windows) and knows its voice for each language; `text` says what to read for a question (its
label, its options in order, its help) in the assessment's language; `reader` runs the engine as
a child process that never blocks the caller and that speaking again, or `stop()`, ends.
"""
