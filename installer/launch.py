"""The frozen app's entry point: the same as the `selfassess` command."""

from selfassess.cli.entry import main

raise SystemExit(main())
