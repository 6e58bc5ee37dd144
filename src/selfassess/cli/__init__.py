"""The `selfassess` command line: a thin layer of argument parsing over the core services."""
