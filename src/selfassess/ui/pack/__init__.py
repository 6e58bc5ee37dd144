"""The response pack in the app: exporting and e-mailing it, and opening one received."""
