"""The new-assessment wizard: the supplier's profile, then how it works and where its minerals
come from, then the form, language, trainer, and an optional baseline or quick scan to start
from. Each page scrolls rather than clips, so that the wizard fits a 1024x600 screen."""

from __future__ import annotations

import dataclasses
import functools
from html import escape

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from selfassess.core.answers.validation import asks_enhanced_questions
from selfassess.core.assessment.service import AssessmentService
from selfassess.core.errors import InvalidInput
from selfassess.core.forms.catalog import discover
from selfassess.core.forms.model import Form
from selfassess.core.profile import (
    CERTIFICATIONS,
    ENTITY_TYPES,
    MECHANISATION,
    MINERALS,
    Certification,
    check_country_list,
    country_codes,
)
from selfassess.core.risk.edd import AreaDecision
from selfassess.core.store.records import Assessment, Profile
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import LANGUAGE_NAMES, language, tr

ERROR_STYLE = "color: #b3261e;"
# The most a page asks for: what a 1024x600 screen leaves once the wizard's title, subtitle and
# buttons, the window's title bar and a task bar are drawn.
LARGEST_PAGE = QSize(960, 340)


class FittingScroll(QScrollArea):
    """A scroll area that asks for the size of what it holds, up to LARGEST_PAGE, and for at
    least its width: the wizard opens showing a whole page where the screen allows, and
    scrolls down where it does not, never sideways."""

    def sizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().sizeHint()
        wanted = inner.sizeHint()
        return QSize(
            min(wanted.width() + self._bar(), LARGEST_PAGE.width()),
            min(wanted.height(), LARGEST_PAGE.height()),
        )

    def minimumSizeHint(self) -> QSize:
        least = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return least
        return least.expandedTo(QSize(inner.minimumSizeHint().width() + self._bar(), 0))

    def _bar(self) -> int:
        return self.verticalScrollBar().sizeHint().width()


def scrolling(page: QWizardPage, content: QLayout) -> None:
    """Lay `content` out on `page` inside a frameless scroll area: on a small screen, or in a
    language with longer words, the page scrolls instead of being cut off."""
    inner = QWidget()
    inner.setLayout(content)
    scroll = FittingScroll()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(inner)
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)


def two_columns(boxes: list[QCheckBox], wide: int = 28) -> QWidget:
    """Check boxes two by two, a box whose text is longer than `wide` characters (in the
    interface language) on a line of its own, so that a long name does not widen the page."""
    grid = QGridLayout()
    row = column = 0
    for box in boxes:
        if len(box.text()) > wide:
            row += column  # after a half-filled line
            grid.addWidget(box, row, 0, 1, 2)
            row, column = row + 1, 0
        else:
            grid.addWidget(box, row, column)
            row, column = row + column, 1 - column
    holder = QWidget()
    holder.setLayout(grid)
    return holder


class ProfilePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("The supplier"))
        self.setSubTitle(tr("Who is being assessed? Only the name is required."))
        self.organisation = QLineEdit()
        self.site = QLineEdit()
        self.country = QLineEdit()
        self.country.setMaxLength(2)
        self.country.setPlaceholderText("CD")
        self.province = QLineEdit()
        self.entity = QComboBox()
        for key, label in ENTITY_TYPES.items():
            self.entity.addItem(tr(label), key)
        self.minerals = {key: QCheckBox(tr(label)) for key, label in MINERALS.items()}
        grid = QGridLayout()
        for index, box in enumerate(self.minerals.values()):
            grid.addWidget(box, index // 4, index % 4)
        mineral_box = QWidget()
        mineral_box.setLayout(grid)
        self.workforce = QSpinBox()
        self.workforce.setRange(0, 1_000_000)
        self.contact = QLineEdit()
        form = QFormLayout()
        form.addRow(tr("Organisation"), self.organisation)
        form.addRow(tr("Site"), self.site)
        form.addRow(tr("Country (ISO code)"), self.country)
        form.addRow(tr("Province or region"), self.province)
        form.addRow(tr("Type of business"), self.entity)
        form.addRow(tr("Minerals"), mineral_box)
        form.addRow(tr("Number of workers"), self.workforce)
        form.addRow(tr("Contact person"), self.contact)
        scrolling(self, form)
        self.registerField("organisation*", self.organisation)
        self.organisation.setAccessibleName(tr("Organisation"))

    def profile(self) -> Profile:
        return Profile(
            organisation=self.organisation.text().strip(),
            entity_type=str(self.entity.currentData()),
            site=self.site.text().strip() or None,
            country=self.country.text().strip().upper() or None,
            province=self.province.text().strip() or None,
            minerals=tuple(key for key, box in self.minerals.items() if box.isChecked()),
            workforce_size=self.workforce.value() or None,
            contact=self.contact.text().strip() or None,
        )


class PracticePage(QWizardPage):
    """How the supplier works (mechanisation, certifications) and, for traders and processors,
    where the minerals come from and pass through. All optional."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(tr("Practices and supply chain"))
        self.setSubTitle(
            tr("How the supplier works, and where its minerals come from. All optional.")
        )
        self.mechanisation = QComboBox()
        self.mechanisation.addItem(tr("Not said"), None)
        for key, label in MECHANISATION.items():
            self.mechanisation.addItem(tr(label), key)
        self.mechanisation.setAccessibleName(tr("Mechanisation"))
        # as wide as the page allows, not as its longest choice (the list shows it whole)
        self.mechanisation.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.mechanisation.setMinimumContentsLength(24)
        self.certifications = {key: QCheckBox(tr(label)) for key, label in CERTIFICATIONS.items()}
        for key, box in self.certifications.items():
            box.toggled.connect(functools.partial(self._keep_none_alone, key))
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(tr("Mechanisation"), self.mechanisation)
        form.addRow(tr("Certifications"), two_columns(list(self.certifications.values())))
        self.source_countries = QLineEdit()
        self.transit_countries = QLineEdit()
        self.errors: dict[str, QLabel] = {}
        for field, edit, label in (
            ("source_countries", self.source_countries, tr("Source countries")),
            ("transit_countries", self.transit_countries, tr("Transit countries")),
        ):
            edit.setPlaceholderText("CD, RW, UG")
            edit.setAccessibleName(label)
            error = QLabel()
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            self.errors[field] = error
            edit.textEdited.connect(error.hide)
            cell = QWidget()
            stack = QVBoxLayout(cell)
            stack.setContentsMargins(0, 0, 0, 0)
            stack.addWidget(edit)
            stack.addWidget(error)  # the refusal, under the field it is about
            form.addRow(label, cell)
        note = QLabel(
            tr(
                "Source countries: where the minerals a trader or processor buys come from. "
                "Transit countries: those the minerals pass through on their way. Give ISO "
                "codes separated by commas, such as CD, RW, UG."
            )
        )
        note.setWordWrap(True)
        form.addRow("", note)
        scrolling(self, form)

    def _keep_none_alone(self, ticked: str, checked: bool) -> None:
        """Ticking "No certification" clears every certification; ticking one clears it."""
        if not checked:
            return
        for key, box in self.certifications.items():
            if (key == Certification.NONE) != (ticked == Certification.NONE):
                box.setChecked(False)

    def countries(self, field: str) -> tuple[str, ...]:
        """The codes typed in the field `field`, refused (InvalidInput) unless each is an ISO
        3166 code."""
        codes = country_codes(self._edit(field).text())
        check_country_list(field, codes)
        return codes

    def _edit(self, field: str) -> QLineEdit:
        return self.source_countries if field == "source_countries" else self.transit_countries

    def validatePage(self) -> bool:
        """The country fields hold ISO codes; otherwise the refusal shows under the field, in
        the interface language, and the field takes the focus."""
        fine = True
        for field, error in self.errors.items():
            try:
                self.countries(field)
                error.hide()
            except InvalidInput as refused:
                error.setText(refused.localized(language()))
                error.show()
                if fine:
                    self._edit(field).setFocus()
                fine = False
        return fine

    def fill(self, profile: Profile) -> Profile:
        """`profile` with this page's fields (call once `validatePage` holds)."""
        mechanisation = self.mechanisation.currentData()
        return dataclasses.replace(
            profile,
            certifications=tuple(k for k, box in self.certifications.items() if box.isChecked()),
            mechanisation=str(mechanisation) if mechanisation else None,
            source_countries=self.countries("source_countries"),
            transit_countries=self.countries("transit_countries"),
        )


class SetupPage(QWizardPage):
    def __init__(self, forms: list[Form], assessments: list[Assessment]) -> None:
        super().__init__()
        self.setTitle(tr("The questionnaire"))
        self.setSubTitle(tr("Choose the questionnaire and the language of the assessment."))
        self.form = QComboBox()
        for choice in forms:
            title = choice.title.in_language(language(), choice.default_language)
            self.form.addItem(f"{title} ({choice.version})", choice)
        self.lang = QComboBox()
        for code, name in LANGUAGE_NAMES.items():
            self.lang.addItem(name, code)
        self.lang.setCurrentIndex(list(LANGUAGE_NAMES).index(language()))
        self.trainer = QLineEdit()
        self.baseline = QComboBox()
        self.start_from = QComboBox()
        for box in (self.baseline, self.start_from):
            box.addItem(tr("None"), None)
            for assessment in assessments:
                label = (
                    f"{assessment.profile.organisation} - {assessment.form_id} ({assessment.id})"
                )
                box.addItem(label, assessment.id)
        rows = QFormLayout()
        rows.addRow(tr("Questionnaire"), self.form)
        rows.addRow(tr("Language"), self.lang)
        rows.addRow(tr("Trainer (optional)"), self.trainer)
        rows.addRow(tr("Earlier assessment to compare with"), self.baseline)
        rows.addRow(tr("Start from the answers of"), self.start_from)
        self.edd = QLabel()
        self.edd.setWordWrap(True)
        self.edd.setTextFormat(Qt.TextFormat.RichText)
        rows.addRow(self.edd)
        scrolling(self, rows)
        self.decision: AreaDecision | None = None
        self.form.currentIndexChanged.connect(self.show_edd)

    def show_edd(self) -> None:
        """The notice for the profile's risk decision and the questionnaire chosen."""
        chosen = self.form.currentData()
        if self.decision is not None and isinstance(chosen, Form):
            self.edd.setText(edd_notice(self.decision, asks_enhanced_questions(chosen)))


def edd_notice(decision: AreaDecision, asks: bool) -> str:
    """What the risk data says of the supplier's area, sources and routes, in rich text; `asks`:
    the questionnaire chosen has the enhanced questions."""
    data = tr("risk data {version}, as of {date}", version=decision.version, date=decision.as_of)
    if not decision.required:
        said = tr(
            "The {data} lists neither this area nor its sources or routes: no enhanced "
            "questions, unless an answer raises a red flag.",
            data=data,
        )
        return f"<p>{escape(said)}</p>"
    reasons = "".join(f"<li>{escape(reason.text(language()))}</li>" for reason in decision.reasons)
    said = (
        tr("Enhanced due diligence: enhanced questions are added ({data}).", data=data)
        if asks
        else tr(
            "Enhanced due diligence applies ({data}): this questionnaire does not ask the "
            "enhanced questions; the full self-assessment does.",
            data=data,
        )
    )
    return f"<p style='color:#b26a00'><b>{escape(said)}</b></p><ul>{reasons}</ul>"


class NewAssessmentWizard(QWizard):
    """Creates the assessment on Finish; `created` holds it afterwards."""

    def __init__(self, service: AssessmentService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.created: Assessment | None = None
        self.setWindowTitle(tr("New assessment"))
        forms = [e.result.form for e in discover(service.store.home) if e.result.form is not None]
        self.profile_page = ProfilePage()
        self.practice_page = PracticePage()
        self.setup_page = SetupPage(forms, service.all())
        self.addPage(self.profile_page)
        self.practice_page_id = self.addPage(self.practice_page)
        self.addPage(self.setup_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Create"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Cancel"))

    def initializePage(self, page_id: int) -> None:
        """Before the last page: say whether the supplier's area calls for enhanced due
        diligence, by the risk data in use (re-evaluated whenever the profile changed)."""
        super().initializePage(page_id)
        if self.page(page_id) is self.setup_page and self.practice_page.validatePage():
            profile = self.practice_page.fill(self.profile_page.profile())
            self.setup_page.decision = self.service.risk_of(profile.expression_fields())
            self.setup_page.show_edd()

    def sizeHint(self) -> QSize:
        """Room for the largest page (each asks for LARGEST_PAGE at most), not only the one
        shown first, so that going to the next page needs no scrolling where the screen has
        room for it."""
        hint = super().sizeHint()
        current = self.currentPage()
        if current is None:  # not shown yet
            return hint
        shown = current.sizeHint()
        largest = QSize(0, 0)
        for page_id in self.pageIds():
            largest = largest.expandedTo(self.page(page_id).sizeHint())
        return hint + QSize(
            max(0, largest.width() - shown.width()), max(0, largest.height() - shown.height())
        )

    def accept(self) -> None:
        page = self.setup_page
        form = page.form.currentData()
        if not self.practice_page.validatePage():
            while self.currentId() > self.practice_page_id:
                self.back()  # to the field that says what is wrong
            return
        try:
            self.created = self.service.create(
                form,
                self.practice_page.fill(self.profile_page.profile()),
                language=page.lang.currentData(),
                trainer=page.trainer.text().strip() or None,
                baseline_id=page.baseline.currentData(),
                start_from=page.start_from.currentData(),
            )
        except Exception as exc:
            show_error(self, exc)
            return
        super().accept()
