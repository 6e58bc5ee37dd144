"""Generates a large, valid questionnaire for benchmarks: every question type, relevance,
constraints and red flags, in three languages."""

from __future__ import annotations

import argparse
import sys

APPLICABILITY = "profile.workforce_size >= 0 or 'gold' in profile.minerals"
TYPES = ("rating", "yes_no", "single_choice", "multi_choice", "text", "number", "date", "evidence")
HEADER = """\
format: 1
id: generated-{questions}
version: "1.0"
title: {{en: Generated form, fr: Formulaire généré, sw: Fomu iliyotengenezwa}}
languages: [en, fr, sw]
default_language: en
publisher: selfassess bench
licence: CC0-1.0
standards:
  - id: OECD-DDG
    title: {{en: OECD guidance, fr: Guide OCDE, sw: Mwongozo wa OECD}}
choice_lists:
  - id: kinds
    choices:
      - {{name: register, label: {{en: Register, fr: Registre, sw: Daftari}}}}
      - {{name: photo, label: {{en: Photo, fr: Photo, sw: Picha}}}}
      - {{name: none, label: {{en: Nothing, fr: Rien, sw: Hakuna}}}}
sections:
"""


def _question(qid: str, kind: str, previous: str | None) -> list[str]:
    lines = [
        f"          - id: {qid}",
        f"            type: {kind}",
        f"            label: {{en: Question {qid}, fr: Question {qid}, sw: Swali {qid}}}",
        f"            help: {{en: Help for {qid}, fr: Aide pour {qid}, sw: Msaada wa {qid}}}",
    ]
    if previous:
        lines.append(f'            relevant: "answered(${{{previous}}})"')
    if kind in ("single_choice", "multi_choice"):
        lines.append("            choices: kinds")
    if kind == "number":
        lines += ["            min: 0", "            max: 1000"]
        lines += [
            "            constraints:",
            '              - expression: ". >= 0 and . mod 1 = 0"',
            "                message: {en: A whole number, fr: Un nombre entier, sw: Namba kamili}",
        ]
    if kind == "yes_no":
        lines += ["            expected: false", '            red_flag: ". = true"']
    if kind == "date":
        lines += [
            "            constraints:",
            '              - expression: ". <= today() and . >= @2000-01-01"',
            "                message: {en: A past date, fr: Une date passée, sw: Tarehe iliyopita}",
        ]
    return lines


def generate_form(questions: int, per_criterion: int = 5, per_section: int = 10) -> str:
    """The YAML text of a valid form with `questions` questions."""
    out = [HEADER.format(questions=questions)]
    index = 0
    section = 0
    while index < questions:
        section += 1
        out.append(
            f"  - id: S{section}\n    title: {{en: Section {section}, fr: Section "
            f"{section}, sw: Sehemu {section}}}\n    criteria:"
        )
        for criterion in range(1, per_section + 1):
            if index >= questions:
                break
            cid = f"S{section}C{criterion}"
            out.append(
                f"      - id: {cid}\n"
                f"        title: {{en: Criterion {cid}, fr: Critère {cid}, sw: Kigezo {cid}}}\n"
                f"        intent: {{en: Intent {cid}, fr: Intention {cid}, sw: Lengo {cid}}}\n"
                f'        applicability: "{APPLICABILITY}"\n'
                f"        references: [{{standard: OECD-DDG, clause: Step {criterion % 5 + 1}}}]\n"
                f"        questions:"
            )
            previous = None
            for _ in range(per_criterion):
                if index >= questions:
                    break
                qid = f"{cid}.Q{index}"
                kind = "rating" if previous is None else TYPES[index % len(TYPES)]
                out.extend(_question(qid, kind, previous))
                previous = qid
                index += 1
    return "\n".join(out) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("questions", type=int)
    args = parser.parse_args()
    sys.stdout.write(generate_form(args.questions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
