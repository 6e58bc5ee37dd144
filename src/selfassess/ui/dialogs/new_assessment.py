"""The new-assessment wizard: the supplier's profile, then the form, language, trainer, and an
optional baseline or quick scan to start from."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
    QWizard,
    QWizardPage,
)

from selfassess.core.assessment.service import AssessmentService
from selfassess.core.forms.catalog import discover
from selfassess.core.forms.model import Form
from selfassess.core.profile import ENTITY_TYPES, MINERALS
from selfassess.core.store.records import Assessment, Profile
from selfassess.ui.errors import show_error
from selfassess.ui.i18n import LANGUAGE_NAMES, language, tr


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
        form = QFormLayout(self)
        form.addRow(tr("Organisation"), self.organisation)
        form.addRow(tr("Site"), self.site)
        form.addRow(tr("Country (ISO code)"), self.country)
        form.addRow(tr("Province or region"), self.province)
        form.addRow(tr("Type of business"), self.entity)
        form.addRow(tr("Minerals"), mineral_box)
        form.addRow(tr("Number of workers"), self.workforce)
        form.addRow(tr("Contact person"), self.contact)
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
        rows = QFormLayout(self)
        rows.addRow(tr("Questionnaire"), self.form)
        rows.addRow(tr("Language"), self.lang)
        rows.addRow(tr("Trainer (optional)"), self.trainer)
        rows.addRow(tr("Earlier assessment to compare with"), self.baseline)
        rows.addRow(tr("Start from the answers of"), self.start_from)


class NewAssessmentWizard(QWizard):
    """Creates the assessment on Finish; `created` holds it afterwards."""

    def __init__(self, service: AssessmentService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.created: Assessment | None = None
        self.setWindowTitle(tr("New assessment"))
        forms = [e.result.form for e in discover(service.store.home) if e.result.form is not None]
        self.profile_page = ProfilePage()
        self.setup_page = SetupPage(forms, service.all())
        self.addPage(self.profile_page)
        self.addPage(self.setup_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, tr("Create"))
        self.setButtonText(QWizard.WizardButton.NextButton, tr("Next"))
        self.setButtonText(QWizard.WizardButton.BackButton, tr("Back"))
        self.setButtonText(QWizard.WizardButton.CancelButton, tr("Cancel"))

    def accept(self) -> None:
        page = self.setup_page
        form = page.form.currentData()
        try:
            self.created = self.service.create(
                form,
                self.profile_page.profile(),
                language=page.lang.currentData(),
                trainer=page.trainer.text().strip() or None,
                baseline_id=page.baseline.currentData(),
                start_from=page.start_from.currentData(),
            )
        except Exception as exc:
            show_error(self, exc)
            return
        super().accept()
