"""`make screenshots`: each main screen in each language, saved as PNG in docs/screenshots/.

Builds a demonstration home (a cooperative's self-assessment, partly answered, against a finalized
quick-scan baseline) in a temporary folder, then shows and grabs each screen."""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from selfassess.core.assessment.plan import PlanService
from selfassess.core.assessment.service import AssessmentService, Declaration
from selfassess.core.demo import KALIMBI
from selfassess.core.forms.loader import load_form
from selfassess.core.paths import builtin_forms_dir
from selfassess.core.store.store import Store
from selfassess.ui.app import create_window
from selfassess.ui.i18n import set_language
from selfassess.ui.main_window import MainWindow

ANSWERS = {
    "A1.1": 2,
    "A1.2": None,
    "A1.3": True,
    "A1.4": False,
    "A2.1": True,
    "A2.2": 1,
    "A2.3": "yearly",
    "A3.1": "applied",
    "A3.2": True,
    "A4.1": False,
    "A4.2": False,
    "A4.3": 2,
    "B1.1": False,
    "B1.2": True,
    "B1.3": 1,
    "B2.1": False,
    "B2.2": False,
    "B2.3": True,
    "B2.4": 2,
    "B3.1": 2,
    "B3.2": 10,
    "B3.3": True,
    "B3.4": True,
    "B6.1": 0,
    "D3.4": "unknown",  # "don't know": the security-forces red line is not verified
}


def demo_home(home: Path) -> tuple[str, str]:
    """A home with a finalized quick scan and a full self-assessment started from it: their ids
    (the full one first)."""
    forms = {}
    for name in ("quick-scan", "self-assessment"):
        loaded = load_form(builtin_forms_dir() / f"{name}.yaml").form
        assert loaded is not None
        forms[name] = loaded
    profile = KALIMBI
    with Store.open(home) as store:
        service = AssessmentService(store)
        scan = service.create(forms["quick-scan"], profile, language="fr", trainer="Trainer")
        for question in forms["quick-scan"].questions():
            value = ANSWERS.get(question.id, 1 if question.type == "rating" else False)
            if question.type == "number":
                value = 0
            if question.type == "single_choice":
                value = "applied"
            if question.type not in ("evidence", "info") and value is not None:
                service.set_answer(scan.id, question.id, value)
        PlanService(service).finalize(
            scan.id, Declaration("Amani Bahati", "Président", date.today())
        )
        full = service.create(
            forms["self-assessment"],
            profile,
            language="fr",
            baseline_id=scan.id,
            start_from=scan.id,
        )
        for question_id, value in ANSWERS.items():
            if value is not None:
                service.set_answer(full.id, question_id, value)
        return full.id, scan.id


def shots(
    window: MainWindow, assessment_id: str, baseline_id: str
) -> dict[str, Callable[[], QWidget]]:
    def home() -> QWidget:
        window.show_home()
        return window

    def fill() -> QWidget:
        window.open_assessment(assessment_id)
        window.fill.show_criterion("B1")
        return window

    def review() -> QWidget:
        window.open_assessment(assessment_id)
        window.tabs.setCurrentWidget(window.review)
        return window

    def gaps() -> QWidget:
        window.open_assessment(assessment_id)
        window.tabs.setCurrentWidget(window.gaps)
        window.gaps.sections.setCurrentIndex(0)
        return window

    def gaps_list() -> QWidget:
        gaps()
        window.gaps.sections.setCurrentIndex(1)
        return window

    def plan() -> QWidget:
        gaps()
        window.gaps.sections.setCurrentIndex(2)
        return window

    def children() -> QWidget:
        window.open_assessment(assessment_id)
        window.tabs.setCurrentWidget(window.remediation)
        return window

    def preview() -> QWidget:
        review()
        window.review.preview_button.click()
        settle = QEventLoop()  # QtPdf renders pages on its own thread: give it a moment
        QTimer.singleShot(1500, settle.quit)
        settle.exec()
        return window.review.viewer

    def export() -> QWidget:
        from selfassess.ui.pack.export_dialog import ExportDialog

        dialog = ExportDialog(PlanService(window.service), baseline_id, window)
        dialog.show()
        return dialog

    shown = {"home": home, "fill": fill, "review": review, "gaps": gaps}
    shown |= {"gaps-list": gaps_list, "plan": plan, "children": children}
    return shown | {"preview": preview, "export": export}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", default="docs/screenshots", help="folder for the PNG files")
    parser.add_argument("--size", default="1366x768", help="screen size, e.g. 1366x768")
    parser.add_argument("--suffix", default="", help="after each name, e.g. -1024: fill-1024-fr")
    args = parser.parse_args(argv)
    width, height = (int(part) for part in args.size.split("x"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        assessment_id, baseline_id = demo_home(home)
        window = create_window(home)
        window.setWindowState(Qt.WindowState.WindowNoState)  # as a maximised window, framed
        window.setGeometry(0, 0, width, height - 30)
        window.show()
        for lang in ("en", "fr", "sw"):
            window.switch_language(lang)
            for name, show in shots(window, assessment_id, baseline_id).items():
                widget = show()
                app.processEvents()
                widget.grab().save(str(out / f"{name}{args.suffix}-{lang}.png"))
                if widget is not window:
                    widget.close()
        window.close()
        window.service.store.close()
    set_language("en")
    sys.stdout.write(f"screenshots in {out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
