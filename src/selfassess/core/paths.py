"""Where selfassess keeps its data: the user data directory, or the one `SELFASSESS_HOME` or
`--home` names.

Every other module asks this one for locations, so that tests and portable installs can move
everything with one setting and nothing ever writes to a hard-coded place.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "selfassess"
HOME_ENV = "SELFASSESS_HOME"


def data_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The data directory: `override`, else `$SELFASSESS_HOME`, else the platform's default."""
    if override:
        return Path(override).expanduser().resolve()
    from_env = os.environ.get(HOME_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    import platformdirs  # imported late: the command line's start-up stays light

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_forms_dir(home: Path) -> Path:
    """The folder in which a user drops questionnaires of their own."""
    return home / "forms"


def resources_dir() -> Path:
    """Icons, the .desktop file and other files the app ships (`resources/` in a checkout)."""
    package_root = Path(__file__).resolve().parent.parent
    bundled = package_root / "resources"
    if bundled.is_dir():
        return bundled
    return package_root.parent.parent / "resources"


def builtin_forms_dir() -> Path:
    """The questionnaires shipped with selfassess.

    In a wheel they live in the package (`selfassess/forms`); in a source checkout, in the
    top-level `forms/` folder beside `src/`.
    """
    package_root = Path(__file__).resolve().parent.parent
    bundled = package_root / "forms"
    if bundled.is_dir():
        return bundled
    return package_root.parent.parent / "forms"


def qt_settings_dir(home: Path) -> Path:
    """Where the app's window layout and Qt's own settings (its file dialogs' QtProject.conf)
    are kept: inside the data home, never in the user's home folder."""
    return home / "qt"
