#!/bin/sh
# Installs this selfassess bundle for the current user, without root:
#   the app in ~/.local/opt/selfassess, the `selfassess` command in ~/.local/bin,
#   the menu entry in ~/.local/share/applications and the icon in ~/.local/share/icons.
# Your assessments live elsewhere (~/.local/share/selfassess) and are never touched.
#
#   sh install.sh               install (or update) from the folder this script is in
#   sh install.sh --uninstall   remove the app, the command, the menu entry and the icon
set -eu

HERE=$(cd "$(dirname "$0")" && pwd)
DATA=${XDG_DATA_HOME:-$HOME/.local/share}
APP=$HOME/.local/opt/selfassess
BIN=$HOME/.local/bin
ENTRY=$DATA/applications/selfassess.desktop
ICON=$DATA/icons/hicolor/scalable/apps/selfassess.svg

refresh_menus() {
    command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$APP"
    rm -f "$BIN/selfassess" "$ENTRY" "$ICON"
    refresh_menus
    echo "selfassess removed. Your assessments are still in $DATA/selfassess."
    exit 0
fi

if [ ! -x "$HERE/selfassess" ] || [ ! -d "$HERE/_internal/selfassess/resources" ]; then
    echo "install.sh: run me from inside the unpacked selfassess folder" >&2
    exit 1
fi

if [ "$HERE" != "$APP" ]; then
    mkdir -p "$(dirname "$APP")"
    rm -rf "$APP.new"
    cp -a "$HERE" "$APP.new"          # copied whole before the old one goes
    rm -rf "$APP"
    mv "$APP.new" "$APP"
fi

RESOURCES=$APP/_internal/selfassess/resources
mkdir -p "$BIN" "$(dirname "$ENTRY")" "$(dirname "$ICON")"
ln -sf "$APP/selfassess" "$BIN/selfassess"
cp "$RESOURCES/icons/selfassess.svg" "$ICON"
sed -e "s|^Exec=.*|Exec=\"$APP/selfassess\"|" -e "/^Exec=/a TryExec=$APP/selfassess" \
    "$RESOURCES/selfassess.desktop" > "$ENTRY"
refresh_menus

echo "selfassess installed in $APP"
echo "  menu entry: $ENTRY"
case ":$PATH:" in
    *":$BIN:"*) echo "  command:    selfassess" ;;
    *) echo "  command:    $BIN/selfassess (add $BIN to your PATH to type just 'selfassess')" ;;
esac
