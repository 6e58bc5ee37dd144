# selfassess developer entry points. `make run` and `make test` are all a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: pdf-tools run run-tools test lint typecheck unit bench docs schema screenshots installer installer-tools installer-check clean

$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "selfassess needs Python 3.11 or newer; set PYTHON=python3.x")'
	$(PYTHON) -m venv $(VENV)

# The app and its runtime dependencies; re-installed whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# The same plus the test tools.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# The same plus PyInstaller, for the desktop bundle.
$(VENV)/.installed-installer: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[installer]'
	touch $@ $(VENV)/.installed

run: $(VENV)/.installed run-tools
	$(BIN)/selfassess

# What Qt's xcb plugin loads on Linux beyond a desktop's usual libraries (Qt 6.5+ needs
# libxcb-cursor0 for any X11 session): installed when missing where we can (root with apt-get),
# else named. `selfassess` itself says so in one line when there is no display at all.
RUN_APT := libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 \
	libxcb-shape0 libxcb-randr0 libxcb-xkb1 libxkbcommon-x11-0
RUN_LIBS := libxcb-cursor.so.0 libxcb-icccm.so.4 libxcb-image.so.0 libxcb-keysyms.so.1 \
	libxcb-render-util.so.0 libxcb-shape.so.0 libxcb-randr.so.0 libxcb-xkb.so.1 \
	libxkbcommon-x11.so.0
run-tools:
	@[ "$$(uname -s)" = Linux ] || exit 0; \
	found="$$( { ldconfig -p || /sbin/ldconfig -p; } 2>/dev/null )"; missing=""; \
	for lib in $(RUN_LIBS); do echo "$$found" | grep -q "$$lib" || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -qq --no-install-recommends $(RUN_APT) >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq --no-install-recommends $(RUN_APT); }; \
	  else echo "note: the desktop app needs $(RUN_APT) (sudo apt-get install ...)"; fi; fi

# poppler's pdfsig and qpdf check signed packs independently of pyHanko, and NSS's certutil
# gives pdfsig a programme's root to trust; installed when missing where we can (root with
# apt-get), else the tests that need them say they are skipped.
pdf-tools:
	@command -v pdfsig >/dev/null && command -v qpdf >/dev/null && command -v certutil >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -qq --no-install-recommends poppler-utils qpdf libnss3-tools >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq --no-install-recommends poppler-utils qpdf libnss3-tools; }; \
	  else echo "note: install poppler-utils, qpdf and libnss3-tools to run the independent PDF checks"; fi; }

test: $(VENV)/.installed-test pdf-tools
	$(BIN)/ruff check src tests bench installer
	$(BIN)/ruff format --check src tests bench installer
	$(BIN)/mypy --strict src
	$(BIN)/lint-imports
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python -m pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench installer
	$(BIN)/ruff format --check src tests bench installer
	$(BIN)/lint-imports

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy --strict src

unit: $(VENV)/.installed-test
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python -m pytest -x -q

bench: $(VENV)/.installed-test
	$(BIN)/python bench/run.py

# Regenerate the generated documents kept in docs/ (tests check that they are current).
docs: $(VENV)/.installed
	$(BIN)/selfassess forms schema > docs/form.schema.json
	$(BIN)/selfassess forms doc > docs/questionnaire.md
	$(BIN)/python -c 'from selfassess.core.pack.response import response_schema as s; print(s(), end="")' > docs/response.schema.json

schema: docs

# Each main screen in English, French and Swahili, at 1366x768 (name-fr.png) and on a 1024x600
# netbook (name-1024-fr.png), in docs/screenshots/: under Xvfb when it is installed (apt-get
# install xvfb xauth libxcb-cursor0 ...), else offscreen.
SCREENSHOTS := $(BIN)/python -m selfassess.ui.screenshots --out docs/screenshots
screenshots: $(VENV)/.installed
	if command -v xvfb-run >/dev/null; then \
		xvfb-run -a -s "-screen 0 1366x768x24" $(SCREENSHOTS) --size 1366x768 && \
		xvfb-run -a -s "-screen 0 1024x600x24" $(SCREENSHOTS) --size 1024x600 --suffix -1024; \
	else \
		QT_QPA_PLATFORM=offscreen $(SCREENSHOTS) --size 1366x768 && \
		QT_QPA_PLATFORM=offscreen $(SCREENSHOTS) --size 1024x600 --suffix -1024; \
	fi
	$(BIN)/python -m selfassess.ui.help.guide_images  # the user guide's pictures, made small

# The one-folder PyInstaller bundle in dist/selfassess and its archive, with their sizes against
# the budgets (installer/README.md); then the frozen app's smoke test (CI runs both).
installer: $(VENV)/.installed-installer installer-tools
	$(BIN)/python installer/build.py

# What the build bundles or runs: strip, xz, and the xcb libraries Qt's xcb plugin loads
# (installed when missing where we can: root with apt-get).
INSTALLER_APT := binutils xz-utils libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0
installer-tools:
	@missing=""; command -v strip >/dev/null || missing=1; command -v xz >/dev/null || missing=1; \
	for lib in libxcb-icccm.so.4 libxcb-keysyms.so.1 libxcb-cursor.so.0; do \
	  ldconfig -p | grep -q "$$lib" || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get install -y -qq --no-install-recommends $(INSTALLER_APT) >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq --no-install-recommends $(INSTALLER_APT); }; \
	  else echo "note: install $(INSTALLER_APT) to build the desktop bundle"; fi; fi

installer-check: installer
	QT_QPA_PLATFORM=$${QT_QPA_PLATFORM:-offscreen} $(BIN)/python installer/smoke.py dist/selfassess

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .hypothesis dist build
