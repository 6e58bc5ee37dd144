"""The frozen app's entry point: the same as the `selfassess` command."""

from selfassess.cli.main import main

raise SystemExit(main())
