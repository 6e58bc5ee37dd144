"""Dialogs shared across screens: the new-assessment wizard and the declaration."""
