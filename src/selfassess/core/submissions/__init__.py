"""Submissions collected on phones with ODK Collect or KoboCollect, brought in as assessments:
ODK Central's and KoboToolbox's exports read safely (`exports`), a Central server read through
pyodk (`server`), both behind one `SubmissionSource` (`sources`), and `import_submissions`
(`importing`) making one assessment of each submission, once (docs/odk.md)."""
