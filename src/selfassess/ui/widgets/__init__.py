"""Input widgets shared by several screens: the date editor and the counted text editor."""
