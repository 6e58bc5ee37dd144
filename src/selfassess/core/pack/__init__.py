"""The response pack: the PDF a supplier sends, its embedded data, seal and verification."""
