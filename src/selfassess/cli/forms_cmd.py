"""`selfassess forms list|check|schema`: what questionnaires exist, and whether a file is valid."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from selfassess.cli.common import table
from selfassess.cli.main import EXIT_OK, EXIT_REFUSED
from selfassess.core.forms.catalog import CatalogEntry, discover, form_files
from selfassess.core.forms.diagnostics import Diagnostic, Level
from selfassess.core.forms.identity import form_hash
from selfassess.core.forms.loader import LoadResult, load_form
from selfassess.core.paths import data_home


def run_list(args: argparse.Namespace) -> int:
    home = data_home(getattr(args, "home", None))
    entries = discover(home)
    if args.json:
        print(json.dumps([_entry_json(entry) for entry in entries], indent=2, ensure_ascii=False))
        return EXIT_OK
    if not entries:
        print(f"No forms found. Add .yaml files to {home / 'forms'}.")
        return EXIT_OK
    rows: list[tuple[str, ...]] = [
        ("ID", "VERSION", "TITLE", "LANGUAGES", "CRITERIA", "QUESTIONS", "WHERE")
    ]
    rows += [_entry_row(entry, args.lang) for entry in entries]
    table(rows)
    _print_broken([entry for entry in entries if entry.broken])
    return EXIT_OK


SHOWN_ERRORS = 3


def _print_broken(broken: list[CatalogEntry]) -> None:
    """Under the table, why each broken form is skipped: its first located errors."""
    if not broken:
        return
    print()
    print("Skipped, not valid (run selfassess forms check FILE for every problem):")
    for entry in broken:
        errors = entry.result.errors
        for diagnostic in errors[:SHOWN_ERRORS]:
            print(f"  {diagnostic.format()}")
        if len(errors) > SHOWN_ERRORS:
            print(f"  {entry.path}: and {len(errors) - SHOWN_ERRORS} more")


def _entry_row(entry: CatalogEntry, language: str | None) -> tuple[str, ...]:
    where = f"{entry.origin.value}: {entry.path}"
    form = entry.result.form
    if form is None:
        count = len(entry.result.errors)
        problem = f"(invalid: {count} error{'s' if count != 1 else ''}; run selfassess forms check)"
        return ("?", "?", problem, "", "", "", where)
    title = form.title.in_language(language or form.default_language, form.default_language)
    criteria = sum(1 for _ in form.criteria())
    questions = sum(1 for _ in form.questions())
    return (
        form.id,
        form.version,
        title,
        ",".join(form.languages),
        str(criteria),
        str(questions),
        where,
    )


def _entry_json(entry: CatalogEntry) -> dict[str, Any]:
    form = entry.result.form
    data: dict[str, Any] = {
        "path": str(entry.path),
        "origin": entry.origin.value,
        "valid": form is not None,
        "errors": [d.as_json() for d in entry.result.errors],
    }
    if form is not None:
        data.update(
            id=form.id,
            version=form.version,
            hash=form_hash(form),
            title=dict(form.title),
            languages=form.languages,
            criteria=sum(1 for _ in form.criteria()),
            questions=sum(1 for _ in form.questions()),
        )
    return data


def run_check(args: argparse.Namespace) -> int:
    files: list[Path] = []
    missing: list[str] = []
    for raw in args.paths:
        path = Path(raw)
        if path.is_dir():
            try:
                files.extend(form_files(path))
            except OSError:
                files.append(path)  # reported as a file that cannot be read
        elif path.exists():
            files.append(path)
        else:
            missing.append(raw)
    results = [load_form(path, str(path)) for path in files]
    if args.json:
        _print_json(results, missing, strict=args.strict)
    else:
        _print_text(results, missing, strict=args.strict)
    all_ok = not missing and all(result.ok(strict=args.strict) for result in results)
    return EXIT_OK if all_ok else EXIT_REFUSED


def _as_strict(diagnostic: Diagnostic, strict: bool) -> Diagnostic:
    if strict and diagnostic.level is Level.WARNING:
        return Diagnostic(
            Level.ERROR, diagnostic.file, diagnostic.location, diagnostic.where, diagnostic.message
        )
    return diagnostic


def _print_text(results: list[LoadResult], missing: list[str], *, strict: bool) -> None:
    for raw in missing:
        print(f"{raw}: no such file or folder", file=sys.stderr)
    for result in results:
        diagnostics = [_as_strict(d, strict) for d in result.diagnostics]
        for diagnostic in diagnostics:
            print(diagnostic.format())
        errors = sum(1 for d in diagnostics if d.level is Level.ERROR)
        warnings = len(diagnostics) - errors
        print(f"{result.file}: {_summary(errors, warnings, result)}")


def _summary(errors: int, warnings: int, result: LoadResult) -> str:
    counts = []
    if errors:
        counts.append(f"{errors} error{'s' if errors != 1 else ''}")
    if warnings:
        counts.append(f"{warnings} warning{'s' if warnings != 1 else ''}")
    if errors:
        return ", ".join(counts)
    form = result.form
    assert form is not None
    described = f"ok: {form.id} {form.version}"
    return f"{described} ({', '.join(counts)})" if counts else described


def _print_json(results: list[LoadResult], missing: list[str], *, strict: bool) -> None:
    report = {
        "missing": missing,
        "files": [
            {
                "file": result.file,
                "ok": result.ok(strict=strict),
                "diagnostics": [_as_strict(d, strict).as_json() for d in result.diagnostics],
            }
            for result in results
        ],
    }
    print(json.dumps(report, indent=2, ensure_ascii=False))


def run_schema(args: argparse.Namespace) -> int:
    from selfassess.core.forms.schema import form_json_schema

    sys.stdout.write(form_json_schema())
    return EXIT_OK


def run_doc(args: argparse.Namespace) -> int:
    from selfassess.core.forms.document import questionnaire_markdown
    from selfassess.core.paths import builtin_forms_dir

    paths = [Path(p) for p in args.paths] or form_files(builtin_forms_dir())
    results = [load_form(path, str(path)) for path in paths]
    broken = [r for r in results if r.form is None]
    if broken:
        for result in broken:
            for diagnostic in result.errors:
                print(diagnostic.format(), file=sys.stderr)
        return EXIT_REFUSED
    sys.stdout.write(questionnaire_markdown([r.form for r in results if r.form is not None]))
    return EXIT_OK
