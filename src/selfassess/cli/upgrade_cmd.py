"""`selfassess upgrade ID`: a new draft of the same supplier on the newest version of the
assessment's form, carrying every answer that fits; the older assessment stays as it is."""

from __future__ import annotations

import argparse

from selfassess.cli.common import find_form, home_of, open_service, print_json
from selfassess.cli.main import EXIT_OK
from selfassess.core.assessment.upgrade import newest_form, upgrade
from selfassess.core.errors import Refused
from selfassess.core.i18n import translate


def run_upgrade(args: argparse.Namespace) -> int:
    service = open_service(args)
    old = service.get(service.resolve(args.id))
    if args.to_version:
        form = find_form(home_of(args), old.form_id, args.to_version)
    else:
        found = newest_form(home_of(args), old)
        if found is None:
            raise Refused.of(
                "assessment {id} is on {form} {version}, the newest version found",
                id=old.id,
                form=old.form_id,
                version=old.form_version,
            )
        form = found
    result = upgrade(service, old.id, form)
    if args.json:
        print_json(
            {
                "from": old.id,
                "id": result.assessment.id,
                "form": form.id,
                "version": form.version,
                "carried": result.carried,
                "left": [
                    {"question": item.question_id, "reason": translate("en", item.reason)}
                    for item in result.left
                ],
                "to_answer": result.to_answer,
            }
        )
        return EXIT_OK
    print(result.assessment.id)
    print(
        f"{form.id} {form.version}: {len(result.carried)} answers carried from {old.id} "
        f"({old.form_version}), which stays as it is"
    )
    for item in result.left:
        print(f"  not carried: {item.question_id}: {translate('en', item.reason)}")
    print(f"{result.questions_to_answer} questions need an answer:")
    for criterion_id, questions in result.to_answer.items():
        print(f"  {criterion_id}: {', '.join(questions)}")
    return EXIT_OK
