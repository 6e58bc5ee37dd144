"""The imported questions arranged into our sections and criteria, from the XLSForm's groups.

- a top-level group becomes a section, titled by the group's label (its hint as description);
- a group inside it becomes a criterion of that section; groups deeper still are flattened into
  that criterion (their relevance is already joined into each question's);
- questions directly in a top-level group form a criterion of their own, titled like the
  section; questions in no group form a section "General questions", one for each run of them,
  so the form keeps the XLSForm's order.

A criterion's `intent` is the group's hint, or its title, until the author writes one.
"""

from __future__ import annotations

from typing import Any

from selfassess.core.xlsform.import_ids import IdMaker
from selfassess.core.xlsform.import_questions import complete
from selfassess.core.xlsform.import_report import ImportReport, Place
from selfassess.core.xlsform.import_survey import Group, Imported
from selfassess.core.xlsform.import_texts import fixed_text


class _Layout:
    def __init__(self, ids: IdMaker, languages: list[str], report: ImportReport) -> None:
        self.ids = ids
        self.languages = languages
        self.report = report
        self.sections: list[dict[str, Any]] = []
        self.section_key: tuple[str, int] | None = None
        self.criterion_key: tuple[str, object] | None = None

    def place(self, question: Imported) -> None:
        top = question.groups[0] if question.groups else None
        inner = question.groups[1] if len(question.groups) > 1 else None
        if top is not None:
            section_key = ("group", top.row)
        elif self.section_key is not None and self.section_key[0] == "loose":
            section_key = self.section_key
        else:
            section_key = ("loose", len(self.sections))
        if section_key != self.section_key:
            self._new_section(top)
            self.section_key = section_key
        criterion_key = ("group", inner.row) if inner else ("direct", section_key)
        if criterion_key != self.criterion_key:
            self._new_criterion(inner)
            self.criterion_key = criterion_key
        self.sections[-1]["criteria"][-1]["questions"].append(question.data)

    def _new_section(self, group: Group | None) -> None:
        if group is None:
            section_id = self.ids.claim("general")
            title = fixed_text("general", self.languages)
            section: dict[str, Any] = {"id": section_id, "title": title}
        else:
            section_id = self._group_id(group)
            section = {"id": section_id, "title": self._title(group)}
            if group.hint:
                hint = complete(group.hint, self.languages, self.report, Place("survey", group.row))
                section["description"] = hint
        section["criteria"] = []
        self.sections.append(section)

    def _new_criterion(self, group: Group | None) -> None:
        section = self.sections[-1]
        if group is None:
            criterion_id = self.ids.claim(f"{section['id']}-questions")
            title = section["title"]
            intent = section.get("description", title)
        else:
            criterion_id = self._group_id(group)
            title = self._title(group)
            intent = (
                complete(group.hint, self.languages, self.report, Place("survey", group.row))
                if group.hint
                else title
            )
        criterion = {"id": criterion_id, "title": title, "intent": intent, "questions": []}
        section["criteria"].append(criterion)

    def _group_id(self, group: Group) -> str:
        name = group.name or f"group_{group.row}"
        return self.ids.claim(name, self.report, Place("survey", group.row))

    def _title(self, group: Group) -> dict[str, str]:
        if not group.label:
            return {self.languages[0]: group.name or f"group_{group.row}"}
        return complete(group.label, self.languages, self.report, Place("survey", group.row))


def arrange(
    questions: list[Imported], ids: IdMaker, languages: list[str], report: ImportReport
) -> list[dict[str, Any]]:
    """Our sections, each with its criteria and their questions, in the XLSForm's order."""
    layout = _Layout(ids, languages, report)
    for question in questions:
        layout.place(question)
    return layout.sections
