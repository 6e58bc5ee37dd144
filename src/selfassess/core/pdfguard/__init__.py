"""Reading PDFs that may be hostile: hard limits, the end of the file, and what a pack may
contain."""
