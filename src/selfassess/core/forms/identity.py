"""A form's identity: a SHA-256 of its normalised definition, independent of YAML layout.

Two files that differ only in comments, key order, quoting or explicitly written defaults have the
same hash. Assessments pin a form by (id, version, hash), so a changed definition is never mistaken
for the one an assessment was filled against.
"""

from __future__ import annotations

import hashlib
import json

from selfassess.core.forms.model import Form


def canonical_json(form: Form) -> str:
    """The normalised definition: defaults omitted, keys sorted, no insignificant spaces."""
    data = form.model_dump(mode="json", exclude_defaults=True)
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def form_hash(form: Form) -> str:
    """The hex SHA-256 of the canonical definition."""
    return hashlib.sha256(canonical_json(form).encode("utf-8")).hexdigest()
