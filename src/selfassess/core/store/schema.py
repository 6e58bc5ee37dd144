"""The database schema, as a list of forward migrations; `PRAGMA user_version` says how many
have run. Never edit a released migration: add a new one, and a fixture of the old schema
under tests/data/schemas/ so that the migration test opens it."""

from __future__ import annotations

MIGRATIONS: tuple[str, ...] = (
    # 1: the first schema
    """
    CREATE TABLE forms (
        hash TEXT PRIMARY KEY,
        form_id TEXT NOT NULL,
        version TEXT NOT NULL,
        definition TEXT NOT NULL,
        stored_at TEXT NOT NULL
    );
    CREATE TABLE assessments (
        id TEXT PRIMARY KEY,
        form_hash TEXT NOT NULL REFERENCES forms(hash),
        form_id TEXT NOT NULL,
        form_version TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('draft', 'finalized')),
        revision INTEGER NOT NULL DEFAULT 1,
        language TEXT NOT NULL,
        trainer TEXT,
        baseline_id TEXT REFERENCES assessments(id) ON DELETE SET NULL,
        organisation TEXT NOT NULL,
        site TEXT,
        country TEXT,
        province TEXT,
        entity_type TEXT NOT NULL,
        minerals TEXT NOT NULL,
        workforce_size INTEGER,
        contact TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE TABLE answers (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        value TEXT,
        comment TEXT,
        na_reason TEXT,
        changed_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, question_id)
    );
    CREATE TABLE evidence_files (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
    CREATE TABLE attachments (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES evidence_files(sha256),
        original_name TEXT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, question_id, sha256)
    );
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        action TEXT NOT NULL,
        question_id TEXT,
        old_value TEXT,
        new_value TEXT,
        reason TEXT
    );
    CREATE INDEX audit_by_assessment ON audit_log(assessment_id, id);
    CREATE TABLE revisions (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        finalized_at TEXT NOT NULL,
        declaration TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        snapshot_sha256 TEXT NOT NULL,
        PRIMARY KEY (assessment_id, revision)
    );
    """,
    # 2: the improvement plan
    """
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        criterion_id TEXT NOT NULL,
        suggestion TEXT,
        text TEXT NOT NULL,
        owner TEXT,
        due TEXT,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
        note TEXT,
        gap_closed_at TEXT,
        carried_from INTEGER,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX actions_by_assessment ON actions(assessment_id, id);
    CREATE UNIQUE INDEX actions_suggested ON actions(assessment_id, criterion_id, suggestion)
        WHERE suggestion IS NOT NULL;
    """,
    # 3: the supplier's certifications, mechanisation, and the countries its minerals come from
    # and pass through (lists as JSON text, as minerals)
    """
    ALTER TABLE assessments ADD COLUMN certifications TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE assessments ADD COLUMN mechanisation TEXT;
    ALTER TABLE assessments ADD COLUMN source_countries TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE assessments ADD COLUMN transit_countries TEXT NOT NULL DEFAULT '[]';
    """,
    # 4: the child-labour remediation register (cases by number, never by name, and their
    # follow-ups at 3, 6 and 12 months; work and support as JSON lists), and the version of the
    # risk data an assessment was judged with
    """
    ALTER TABLE assessments ADD COLUMN risk_data_version TEXT;
    CREATE TABLE remediation_cases (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 999999),
        age_band TEXT NOT NULL CHECK (age_band IN ('under_12', '12_14', '15_17')),
        sex TEXT NOT NULL CHECK (sex IN ('female', 'male', 'not_said')),
        work TEXT NOT NULL,
        worst_form_stated INTEGER CHECK (worst_form_stated IN (0, 1)),
        identified_on TEXT NOT NULL,
        partner TEXT,
        support TEXT NOT NULL DEFAULT '[]',
        note TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, number)
    );
    CREATE TABLE remediation_follow_ups (
        assessment_id TEXT NOT NULL,
        case_number INTEGER NOT NULL,
        month INTEGER NOT NULL CHECK (month IN (3, 6, 12)),
        done_on TEXT NOT NULL,
        situation TEXT NOT NULL
            CHECK (situation IN ('in_school_or_training', 'back_at_a_site', 'unknown')),
        note TEXT,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, case_number, month),
        FOREIGN KEY (assessment_id, case_number)
            REFERENCES remediation_cases(assessment_id, number) ON DELETE CASCADE
    );
    """,
    # 5: the submissions imported from ODK Central or KoboToolbox (core/submissions): each
    # submission's instanceID, the assessment made of it, a fingerprint of what it held and its
    # values as imported (JSON), so that importing again skips an unchanged submission and
    # updates a changed one where it changed
    """
    CREATE TABLE submission_imports (
        form_id TEXT NOT NULL,
        instance_id TEXT NOT NULL,
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        fingerprint TEXT NOT NULL,
        origin TEXT NOT NULL,
        submitted TEXT NOT NULL DEFAULT '{}',
        problems TEXT NOT NULL DEFAULT '[]',
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (form_id, instance_id)
    );
    CREATE INDEX submission_imports_by_assessment ON submission_imports(assessment_id);
    """,
)

SCHEMA_VERSION = len(MIGRATIONS)

TABLES: tuple[str, ...] = (
    "forms",
    "assessments",
    "answers",
    "evidence_files",
    "attachments",
    "audit_log",
    "revisions",
    "actions",
    "remediation_cases",
    "remediation_follow_ups",
    "submission_imports",
)
"""Every table of the current schema, each after the tables it refers to."""
