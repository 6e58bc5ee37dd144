"""The child-labour remediation register of an assessment (docs/remediation.md): each child or
young person found working, by a case number and never by name or photo, the partner they were
referred to, the support given, and the follow-ups at 3, 6 and 12 months; the counts a buying
programme reports. Above the store, beside the answers; the assessment services, archives and
packs use it."""
