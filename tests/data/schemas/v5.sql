-- A selfassess store at schema version 5, for tests/store/test_migrations.py.
-- Made by selfassess 0.1.0; never edit: add a file for each new schema version.
PRAGMA user_version=5;
BEGIN TRANSACTION;
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
INSERT INTO "actions" VALUES(1,'dce251e54820','A1',NULL,'Write the policy','Amani','2027-01-31','open',NULL,NULL,NULL,'2026-12-07T16:01:02.664130Z','2026-12-07T16:01:02.664130Z');
CREATE TABLE answers (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        value TEXT,
        comment TEXT,
        na_reason TEXT,
        changed_at TEXT NOT NULL,
        PRIMARY KEY (assessment_id, question_id)
    );
INSERT INTO "answers" VALUES('dce251e54820','A1.4','["register"]',NULL,NULL,'2026-12-07T16:01:02.659276Z');
INSERT INTO "answers" VALUES('dce251e54820','B1.2','18',NULL,NULL,'2026-12-07T16:01:02.659276Z');
INSERT INTO "answers" VALUES('dce251e54820','B1.3','0',NULL,NULL,'2026-12-07T16:01:02.659276Z');
INSERT INTO "answers" VALUES('dce251e54820','B1.4','"2025-01-15"',NULL,NULL,'2026-12-07T16:01:02.659276Z');
INSERT INTO "answers" VALUES('dce251e54820','A1.1','2','v1 answer',NULL,'2026-12-07T16:01:02.663550Z');
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
    , certifications TEXT NOT NULL DEFAULT '[]', mechanisation TEXT, source_countries TEXT NOT NULL DEFAULT '[]', transit_countries TEXT NOT NULL DEFAULT '[]', risk_data_version TEXT);
INSERT INTO "assessments" VALUES('dce251e54820','2563a57eab474396123bb5791e884f72290ccfa19ce2fd6cefda7a0ca5daf3b7','sample-assessment','1.0','draft',1,'en',NULL,NULL,'Schema One Coop',NULL,NULL,NULL,'trader','["gold"]',NULL,NULL,'2026-12-07T16:01:02.659276Z','2026-12-07T17:00:05.601341Z',NULL,'["rmap","other"]','semi_mechanised','["CD","RW"]','["UG"]',NULL);
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
INSERT INTO "audit_log" VALUES(1,'dce251e54820','2026-12-07T16:01:02.661943Z','create',NULL,NULL,'{"form":"sample-assessment","version":"1.0"}',NULL);
INSERT INTO "audit_log" VALUES(2,'dce251e54820','2026-12-07T16:01:02.659276Z','default','A1.4',NULL,'{"comment":null,"na_reason":null,"value":["register"]}',NULL);
INSERT INTO "audit_log" VALUES(3,'dce251e54820','2026-12-07T16:01:02.659276Z','default','B1.2',NULL,'{"comment":null,"na_reason":null,"value":18}',NULL);
INSERT INTO "audit_log" VALUES(4,'dce251e54820','2026-12-07T16:01:02.659276Z','default','B1.3',NULL,'{"comment":null,"na_reason":null,"value":0}',NULL);
INSERT INTO "audit_log" VALUES(5,'dce251e54820','2026-12-07T16:01:02.659276Z','default','B1.4',NULL,'{"comment":null,"na_reason":null,"value":"2025-01-15"}',NULL);
INSERT INTO "audit_log" VALUES(6,'dce251e54820','2026-12-07T16:01:02.663550Z','answer','A1.1',NULL,'{"comment":"v1 answer","na_reason":null,"value":2}',NULL);
INSERT INTO "audit_log" VALUES(7,'dce251e54820','2026-12-07T16:01:02.664189Z','plan',NULL,NULL,'{"action":1,"criterion":"A1","due":"2027-01-31","owner":"Amani","text":"Write the policy"}',NULL);
INSERT INTO "audit_log" VALUES(8,'dce251e54820','2026-12-07T17:00:05.599887Z','remediation',NULL,NULL,'{"age_band":"12_14","case":"CL-001","identified_on":"2026-03-02","note":null,"partner":"Comité local de protection de l''enfant","sex":"female","support":["school_fees","family_income_support"],"work":["digging","washing_sorting"],"worst_form_stated":null}',NULL);
INSERT INTO "audit_log" VALUES(9,'dce251e54820','2026-12-07T17:00:05.600764Z','remediation',NULL,NULL,'{"case":"CL-001","date":"2026-06-05","follow_up":3,"note":"classe de 5e","situation":"in_school_or_training"}',NULL);
INSERT INTO "audit_log" VALUES(10,'dce251e54820','2026-12-07T17:00:05.601341Z','remediation',NULL,NULL,'{"age_band":"15_17","case":"CL-002","identified_on":"2026-11-20","note":null,"partner":null,"sex":"not_said","support":[],"work":["selling_food"],"worst_form_stated":false}',NULL);
CREATE TABLE evidence_files (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        added_at TEXT NOT NULL
    );
CREATE TABLE forms (
        hash TEXT PRIMARY KEY,
        form_id TEXT NOT NULL,
        version TEXT NOT NULL,
        definition TEXT NOT NULL,
        stored_at TEXT NOT NULL
    );
INSERT INTO "forms" VALUES('2563a57eab474396123bb5791e884f72290ccfa19ce2fd6cefda7a0ca5daf3b7','sample-assessment','1.0','{"choice_lists":[{"choices":[{"label":{"en":"A register","fr":"Un registre","sw":"Daftari"},"name":"register"},{"label":{"en":"Photos","fr":"Des photos","sw":"Picha"},"name":"photo"},{"label":{"en":"Nothing","fr":"Rien","sw":"Hakuna"},"name":"none"}],"id":"record_kinds"}],"default_language":"en","description":{"en":"Exercises every question type and expression feature.","fr":"Utilise chaque type de question et chaque élément du langage.","sw":"Inatumia kila aina ya swali na kila kipengele cha lugha."},"glossary":[{"definition":{"en":"Finding and acting on risks in the supply chain.","fr":"Repérer les risques de la chaîne d''approvisionnement et agir.","sw":"Kutambua hatari katika mnyororo wa ugavi na kuchukua hatua."},"id":"due-diligence","term":{"en":"Due diligence","fr":"Devoir de diligence","sw":"Uangalifu"}}],"id":"sample-assessment","languages":["en","fr","sw"],"licence":"CC-BY-4.0","publisher":"selfassess tests","sections":[{"criteria":[{"actions":[{"severity":"major","text":{"en":"Write the policy.","fr":"Rédigez la politique.","sw":"Andika sera."}},{"due_days":120,"severity":"minor","text":{"en":"Share the policy.","fr":"Partagez la politique.","sw":"Shiriki sera."}}],"evidence_examples":[{"en":"A signed policy","fr":"Une politique signée","sw":"Sera iliyosainiwa"}],"guidance":{"en":"Ask to see the signed page.","fr":"Demandez à voir la page signée.","sw":"Omba kuona ukurasa uliosainiwa."},"id":"A1","intent":{"en":"A written policy is signed and shared.","fr":"Une politique écrite est signée et partagée.","sw":"Sera iliyoandikwa imesainiwa na kushirikiwa."},"questions":[{"id":"A1.0","label":{"en":"These questions are about your written policy.","fr":"Ces questions portent sur votre politique écrite.","sw":"Maswali haya yanahusu sera yako iliyoandikwa."},"type":"info"},{"help":{"en":"Look for a signature.","fr":"Cherchez une signature.","sw":"Tafuta sahihi."},"id":"A1.1","label":{"en":"Is there a signed policy?","fr":"Existe-t-il une politique signée ?","sw":"Je, kuna sera iliyosainiwa?"},"levels":[{"en":"No policy","fr":"Pas de politique","sw":"Hakuna sera"},{"en":"A draft","fr":"Un brouillon","sw":"Rasimu"},{"en":"Signed","fr":"Signée","sw":"Imesainiwa"},{"en":"Signed and shared","fr":"Signée et partagée","sw":"Imesainiwa na kushirikiwa"}],"type":"rating"},{"constraints":[{"expression":". <= today() and . >= @2000-01-01","message":{"en":"A date between 2000 and today.","fr":"Une date entre 2000 et aujourd''hui.","sw":"Tarehe kati ya 2000 na leo."}},{"expression":"days_between(., today()) <= 365 * 5 or year(.) >= year(add_months(today(), -60))","message":{"en":"Renew a policy older than five years.","fr":"Renouvelez une politique de plus de cinq ans.","sw":"Fanya upya sera yenye zaidi ya miaka mitano."}}],"id":"A1.2","label":{"en":"When was it signed?","fr":"Quand a-t-elle été signée ?","sw":"Ilisainiwa lini?"},"relevant":"${A1.1} >= 2","type":"date"},{"accepted_types":["application/pdf","image/*",".docx"],"id":"A1.3","label":{"en":"Attach the policy","fr":"Joignez la politique","sw":"Ambatisha sera"},"required":"${A1.1} >= 2 and not is_na(${A1.1})","type":"evidence"},{"choices":"record_kinds","constraints":[{"expression":"not (selected(., ''none'') and count_selected(.) > 1)","message":{"en":"''Nothing'' excludes the others.","fr":"« Rien » exclut les autres.","sw":"''Hakuna'' haiendani na mengine."}}],"default":["register"],"id":"A1.4","label":{"en":"How do you keep records?","fr":"Comment tenez-vous vos registres ?","sw":"Mnahifadhije kumbukumbu?"},"type":"multi_choice"}],"references":[{"clause":"Step 1","standard":"OECD-DDG"}],"status_rules":[{"status":"meets","when":"${A1.1} = 3 and evidence_count(${A1.3}) >= 1"},{"reason":{"en":"No policy.","fr":"Pas de politique.","sw":"Hakuna sera."},"status":"does_not_meet","when":"${A1.1} = 0"}],"title":{"en":"Sourcing policy","fr":"Politique d''approvisionnement","sw":"Sera ya ununuzi"}},{"applicability":"profile.entity_type in [''asm'', ''industrial_mine''] or profile.workforce_size >= 50","applicability_note":{"en":"Mines, and businesses of 50 workers or more.","fr":"Les mines, et les entreprises de 50 travailleurs ou plus.","sw":"Migodi, na biashara zenye wafanyakazi 50 au zaidi."},"id":"A2","intent":{"en":"Permits are current.","fr":"Les permis sont à jour.","sw":"Vibali ni halali."},"questions":[{"allow_na":true,"choices":[{"label":{"en":"Artisanal card","fr":"Carte d''artisan","sw":"Kadi ya mchimbaji mdogo"},"name":"artisanal_card"},{"label":{"en":"Exploitation permit","fr":"Permis d''exploitation","sw":"Kibali cha uchimbaji"},"name":"exploitation"},{"label":{"en":"None","fr":"Aucun","sw":"Hakuna"},"name":"no"}],"id":"A2.1","label":{"en":"What permit do you hold?","fr":"Quel permis détenez-vous ?","sw":"Una kibali gani?"},"red_flag":". = ''no'' and ''gold'' in profile.minerals","type":"single_choice"},{"constraints":[{"expression":"regex(., ''[A-Z]{2}-[0-9]{3,8}'') and length(.) <= 20","message":{"en":"Like CD-12345.","fr":"Comme CD-12345.","sw":"Kama CD-12345."}}],"id":"A2.2","label":{"en":"Permit number","fr":"Numéro du permis","sw":"Namba ya kibali"},"max_length":40,"relevant":"${A2.1} != ''no'' and answered(${A2.1})","required":false,"type":"text"}],"status_rules":[{"status":"meets","when":"${A2.1} = ''exploitation'' and answered(${A2.2})"},{"reason":{"en":"No permit.","fr":"Aucun permis.","sw":"Hakuna kibali."},"status":"does_not_meet","when":"${A2.1} = ''no''"},{"status":"partially_meets","when":"true"}],"title":{"en":"Legal standing","fr":"Situation légale","sw":"Hali ya kisheria"}}],"id":"A","title":{"en":"Governance","fr":"Gouvernance","sw":"Utawala"}},{"criteria":[{"actions":[{"due_days":7,"severity":"critical","text":{"en":"Remove children from the site.","fr":"Retirez les enfants du site.","sw":"Ondoa watoto eneo la kazi."}}],"id":"B1","intent":{"en":"No child under 18 does hazardous work.","fr":"Aucun enfant de moins de 18 ans ne fait de travail dangereux.","sw":"Hakuna mtoto chini ya miaka 18 anayefanya kazi hatari."},"questions":[{"expected":false,"id":"B1.1","label":{"en":"Do children under 15 work on site?","fr":"Des enfants de moins de 15 ans travaillent-ils sur le site ?","sw":"Je, watoto chini ya miaka 15 wanafanya kazi eneo hili?"},"red_flag":". = true","type":"yes_no"},{"constraints":[{"expression":"round(. / 1, 0) = . and . mod 1 = 0 and -. < 0","message":{"en":"A whole number.","fr":"Un nombre entier.","sw":"Namba kamili."}},{"expression":"coalesce(${B1.3}, 0) + 1 > 0 and if(. >= 18, true, . >= min(15, max(14, 10)))","message":{"en":"Check the age.","fr":"Vérifiez l''âge.","sw":"Hakiki umri."}}],"default":18.0,"id":"B1.2","integer":true,"label":{"en":"Youngest worker''s age","fr":"Âge du plus jeune travailleur","sw":"Umri wa mfanyakazi mdogo zaidi"},"max":80.0,"min":10.0,"red_flag":". < 15","required":"not ${B1.1}","type":"number","unit":{"en":"years","fr":"ans","sw":"miaka"}},{"default":0.0,"id":"B1.3","label":{"en":"Workers under 18","fr":"Travailleurs de moins de 18 ans","sw":"Wafanyakazi chini ya miaka 18"},"required":false,"type":"number"},{"constraints":[{"expression":". >= date(''2020-01-01'') and . - 30 < today() and add_days(., 1) != . and . + 1 > .","message":{"en":"A recent date.","fr":"Une date récente.","sw":"Tarehe ya karibuni."}}],"default":"2025-01-15","id":"B1.4","label":{"en":"Date of the last age check","fr":"Date du dernier contrôle d''âge","sw":"Tarehe ya ukaguzi wa mwisho wa umri"},"relevant":"${B1.3} > 0 or ${B1.3} = null","type":"date"}],"red_line":true,"references":[{"clause":"C138","standard":"ILO"},{"clause":"C182","standard":"ILO"}],"title":{"en":"Child labour","fr":"Travail des enfants","sw":"Ajira ya watoto"}}],"id":"B","title":{"en":"Labour","fr":"Travail","sw":"Kazi"}}],"settings":{"action_due_days":{"critical":14,"major":90,"minor":365},"declaration":{"en":"I declare that these answers are true.","fr":"Je déclare que ces réponses sont exactes.","sw":"Ninatangaza kwamba majibu haya ni ya kweli."},"readiness":[{"id":"breached","label":{"en":"Red line breached","fr":"Ligne rouge franchie","sw":"Mstari mwekundu umevukwa"},"when":"${critical} > 0"},{"id":"working","label":{"en":"Working on it","fr":"En cours","sw":"Inaendelea"},"when":"${major} + ${minor} > 0 or ${incomplete} > 0 or ${meets_share} < 1"},{"id":"done","label":{"en":"All met","fr":"Tout est rempli","sw":"Yote yamefikiwa"},"when":"true"}]},"standards":[{"id":"OECD-DDG","title":{"en":"OECD Due Diligence Guidance","fr":"Guide OCDE sur le devoir de diligence","sw":"Mwongozo wa OECD wa uangalifu"}},{"id":"ILO","title":{"en":"ILO conventions","fr":"Conventions de l''OIT","sw":"Mikataba ya ILO"}}],"title":{"en":"Sample self-assessment","fr":"Auto-évaluation d''exemple","sw":"Tathmini binafsi ya mfano"},"version":"1.0"}','2026-12-07T16:01:02.661829Z');
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
INSERT INTO "remediation_cases" VALUES('dce251e54820',1,'12_14','female','["digging","washing_sorting"]',NULL,'2026-03-02','Comité local de protection de l''enfant','["school_fees","family_income_support"]',NULL,'2026-12-07T17:00:05.599887Z','2026-12-07T17:00:05.600764Z');
INSERT INTO "remediation_cases" VALUES('dce251e54820',2,'15_17','not_said','["selling_food"]',0,'2026-11-20',NULL,'[]',NULL,'2026-12-07T17:00:05.601341Z','2026-12-07T17:00:05.601341Z');
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
INSERT INTO "remediation_follow_ups" VALUES('dce251e54820',1,3,'2026-06-05','in_school_or_training','classe de 5e','2026-12-07T17:00:05.600764Z');
CREATE TABLE revisions (
        assessment_id TEXT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        finalized_at TEXT NOT NULL,
        declaration TEXT NOT NULL,
        snapshot TEXT NOT NULL,
        snapshot_sha256 TEXT NOT NULL,
        PRIMARY KEY (assessment_id, revision)
    );
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
INSERT INTO "submission_imports" VALUES('self-assessment','uuid:5b1f0c3e-6d1a-4f59-9a57-2c4e0f7d9a11','dce251e54820','0000000000000000000000000000000000000000000000000000000000000000','central','{"A1.1": "2"}','[]','2026-12-08T09:00:00.000000Z','2026-12-08T09:00:00.000000Z');
CREATE INDEX audit_by_assessment ON audit_log(assessment_id, id);
CREATE INDEX actions_by_assessment ON actions(assessment_id, id);
CREATE UNIQUE INDEX actions_suggested ON actions(assessment_id, criterion_id, suggestion)
        WHERE suggestion IS NOT NULL;
CREATE INDEX submission_imports_by_assessment ON submission_imports(assessment_id);
DELETE FROM "sqlite_sequence";
INSERT INTO "sqlite_sequence" VALUES('audit_log',10);
INSERT INTO "sqlite_sequence" VALUES('actions',1);
COMMIT;
