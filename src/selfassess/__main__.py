"""Allows `python -m selfassess`, the same as the `selfassess` command."""

from selfassess.cli.entry import main

raise SystemExit(main())
