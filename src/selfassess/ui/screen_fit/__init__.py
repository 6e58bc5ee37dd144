"""Fitting the app to the screen it is on: the window sized to the available screen, the
layout the user made remembered per screen size, and Qt's own settings kept in the data home."""
