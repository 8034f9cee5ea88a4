/*
 * schema.c — the schema of the workstation database, as migration steps.
 *
 * store_migrations[i] brings a database from user_version i to i + 1.  A
 * step is constant SQL text run in one BEGIN IMMEDIATE transaction (see
 * store.c) and ends by setting the new user_version, so a crash in the
 * middle of a step leaves the previous version whole.  Steps are never
 * edited once released: a change of schema is a new step.
 *
 * Conventions: dates of the domain are TEXT 'YYYY-MM-DD'; moments are TEXT
 * 'YYYY-MM-DDTHH:MM:SSZ' (UTC); booleans are INTEGER 0/1 with a CHECK;
 * enumerations hold the numbers of catalog.h (which are the national
 * standard's codes); lists are child tables with a `seq` column giving
 * their order.
 */
#include "yichuang/store.h"
#include "store_internal.h"

#define NOW "(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
#define BOOL(col) col " INTEGER NOT NULL DEFAULT 0 CHECK (" col " IN (0, 1))"

/* Version 1: settings, terminal identity, catalog, calendars, cases,
 * events, outbox, drafts, users. */
static const char step1[] =
	"PRAGMA application_id = 1497581617;\n" /* 0x59434831, "YCH1" */

	/* Terminal settings: centre name, server address, sync cursors... */
	"CREATE TABLE settings (\n"
	"  key TEXT PRIMARY KEY NOT NULL,\n"
	"  value TEXT NOT NULL\n"
	");\n"

	/* The identity numbers carry; one row at most, never changed. */
	"CREATE TABLE terminal (\n"
	"  id INTEGER PRIMARY KEY CHECK (id = 1),\n"
	"  site TEXT NOT NULL CHECK (length(site) BETWEEN 1 AND 12),\n"
	"  number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99),\n"
	"  created_at TEXT NOT NULL DEFAULT " NOW "\n"
	");\n"
	"CREATE TRIGGER terminal_is_final BEFORE UPDATE ON terminal BEGIN\n"
	"  SELECT RAISE(ABORT, '工作站身份（站点代码、终端号）不能更改');\n"
	"END;\n"

	/* Catalog versions: each import is a whole new version. */
	"CREATE TABLE catalog_versions (\n"
	"  version INTEGER PRIMARY KEY CHECK (version >= 1),\n"
	"  imported_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  note TEXT,\n"
	"  item_count INTEGER NOT NULL CHECK (item_count >= 0),\n"
	"  bundle_count INTEGER NOT NULL CHECK (bundle_count >= 0)\n"
	");\n"

	"CREATE TABLE catalog_items (\n"
	"  version INTEGER NOT NULL REFERENCES catalog_versions (version),\n"
	"  code TEXT NOT NULL CHECK (length(code) BETWEEN 1 AND 64),\n"
	"  seq INTEGER NOT NULL,\n"
	"  basic_code TEXT,\n"
	"  name TEXT NOT NULL,\n"
	"  short_name TEXT,\n"
	"  pinyin TEXT,\n"
	"  type INTEGER NOT NULL CHECK (type BETWEEN 1 AND 10 OR type = 20),\n"
	"  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 6),\n"
	"  department TEXT NOT NULL,\n"
	"  dept_code TEXT,\n"
	"  legal_limit INTEGER NOT NULL CHECK (legal_limit >= 0),\n"
	"  legal_unit INTEGER NOT NULL CHECK (legal_unit IN (1, 2)),\n"
	"  promised_limit INTEGER NOT NULL CHECK (promised_limit >= 0),\n"
	"  promised_unit INTEGER NOT NULL CHECK (promised_unit IN (1, 2)),\n"
	"  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),\n"
	"  " BOOL("fee") ",\n"
	"  fee_desc TEXT,\n"
	"  fee_basis TEXT,\n"
	"  targets INTEGER NOT NULL CHECK (targets BETWEEN 0 AND 63),\n"
	"  channels INTEGER NOT NULL CHECK (channels BETWEEN 0 AND 15),\n"
	"  " BOOL("appointment") ",\n"
	"  " BOOL("online_pay") ",\n"
	"  " BOOL("express") ",\n"
	"  " BOOL("online") ",\n"
	"  visits INTEGER NOT NULL CHECK (visits BETWEEN 0 AND 9),\n"
	"  online_depth INTEGER NOT NULL CHECK (online_depth BETWEEN 1 AND 4),\n"
	"  result TEXT NOT NULL,\n"
	"  conditions TEXT NOT NULL,\n"
	"  legal_basis TEXT,\n"
	"  place TEXT,\n"
	"  hours TEXT,\n"
	"  phone TEXT,\n"
	"  item_version TEXT NOT NULL,\n"
	"  source_file TEXT,\n"
	"  source_line INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (version, code)\n"
	");\n"

	"CREATE TABLE item_fields (\n"
	"  version INTEGER NOT NULL,\n"
	"  item_code TEXT NOT NULL,\n"
	"  key TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  label TEXT NOT NULL,\n"
	"  type INTEGER NOT NULL CHECK (type BETWEEN 1 AND 8),\n"
	"  " BOOL("required") ",\n"
	"  min_len INTEGER NOT NULL DEFAULT 0,\n"
	"  max_len INTEGER NOT NULL DEFAULT 0,\n"
	"  min REAL,\n"			/* NULL: no lower bound */
	"  max REAL,\n"
	"  help TEXT,\n"
	"  source_line INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (version, item_code, key),\n"
	"  FOREIGN KEY (version, item_code) REFERENCES catalog_items (version, code)\n"
	");\n"
	"CREATE TABLE field_choices (\n"
	"  version INTEGER NOT NULL,\n"
	"  item_code TEXT NOT NULL,\n"
	"  field_key TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  choice TEXT NOT NULL,\n"
	"  PRIMARY KEY (version, item_code, field_key, seq),\n"
	"  FOREIGN KEY (version, item_code, field_key)\n"
	"    REFERENCES item_fields (version, item_code, key)\n"
	");\n"

	"CREATE TABLE materials (\n"
	"  version INTEGER NOT NULL,\n"
	"  item_code TEXT NOT NULL,\n"
	"  id TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  issuer TEXT,\n"
	"  originals INTEGER NOT NULL CHECK (originals >= 0),\n"
	"  copies INTEGER NOT NULL CHECK (copies >= 0),\n"
	"  form INTEGER NOT NULL CHECK (form BETWEEN 1 AND 3),\n"
	"  need INTEGER NOT NULL CHECK (need IN (1, 2, 3)),\n"
	"  deferral_days INTEGER NOT NULL DEFAULT 0 CHECK (deferral_days BETWEEN 0 AND 60),\n"
	"  source INTEGER NOT NULL CHECK (source IN (1, 2, 3)),\n"
	"  standard TEXT,\n"
	"  basis TEXT,\n"
	"  blank_form TEXT,\n"
	"  sample TEXT,\n"
	"  source_line INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (version, item_code, id),\n"
	"  FOREIGN KEY (version, item_code) REFERENCES catalog_items (version, code)\n"
	");\n"

	"CREATE TABLE situations (\n"
	"  version INTEGER NOT NULL,\n"
	"  item_code TEXT NOT NULL,\n"
	"  id TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  label TEXT NOT NULL,\n"
	"  source_line INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (version, item_code, id),\n"
	"  FOREIGN KEY (version, item_code) REFERENCES catalog_items (version, code)\n"
	");\n"
	/* A situation's enables (effect 1) and disables (effect 2). */
	"CREATE TABLE situation_materials (\n"
	"  version INTEGER NOT NULL,\n"
	"  item_code TEXT NOT NULL,\n"
	"  situation_id TEXT NOT NULL,\n"
	"  effect INTEGER NOT NULL CHECK (effect IN (1, 2)),\n"
	"  seq INTEGER NOT NULL,\n"
	"  material_id TEXT NOT NULL,\n"
	"  PRIMARY KEY (version, item_code, situation_id, effect, seq),\n"
	"  FOREIGN KEY (version, item_code, situation_id)\n"
	"    REFERENCES situations (version, item_code, id),\n"
	"  FOREIGN KEY (version, item_code, material_id)\n"
	"    REFERENCES materials (version, item_code, id)\n"
	");\n"

	"CREATE TABLE bundles (\n"
	"  version INTEGER NOT NULL REFERENCES catalog_versions (version),\n"
	"  code TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  lead_department TEXT NOT NULL,\n"
	"  promised_limit INTEGER NOT NULL CHECK (promised_limit >= 0),\n"
	"  promised_unit INTEGER NOT NULL CHECK (promised_unit IN (1, 2)),\n"
	"  description TEXT,\n"
	"  source_file TEXT,\n"
	"  source_line INTEGER NOT NULL DEFAULT 0,\n"
	"  PRIMARY KEY (version, code)\n"
	");\n"
	"CREATE TABLE bundle_items (\n"
	"  version INTEGER NOT NULL,\n"
	"  bundle_code TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL,\n"
	"  item_code TEXT NOT NULL,\n"
	"  PRIMARY KEY (version, bundle_code, seq),\n"
	"  FOREIGN KEY (version, bundle_code) REFERENCES bundles (version, code),\n"
	"  FOREIGN KEY (version, item_code) REFERENCES catalog_items (version, code)\n"
	");\n"

	/* Official calendars as central distributes them (workdays.h text). */
	"CREATE TABLE calendars (\n"
	"  year INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),\n"
	"  text TEXT NOT NULL,\n"
	"  source TEXT,\n"
	"  updated_at TEXT NOT NULL DEFAULT " NOW "\n"
	");\n"

	/* Sequence of case numbers per day (date.h day number). */
	"CREATE TABLE case_seq (\n"
	"  day INTEGER PRIMARY KEY,\n"
	"  seq INTEGER NOT NULL CHECK (seq >= 1)\n"
	");\n"

	/* The projection of each case's events.  Cases pulled from central
	 * may name a catalog version this terminal has not imported, so the
	 * catalog is not a foreign key here. */
	"CREATE TABLE cases (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"		/* UUID */
	"  number TEXT NOT NULL UNIQUE,\n"		/* 办件编号 */
	"  item_code TEXT NOT NULL,\n"
	"  bundle_code TEXT,\n"
	"  catalog_version INTEGER NOT NULL,\n"
	"  state TEXT NOT NULL,\n"
	"  applicant_kind INTEGER NOT NULL DEFAULT 1,\n" /* enum item_target bit */
	"  applicant_name TEXT NOT NULL,\n"
	"  applicant_id_no TEXT,\n"
	"  phone TEXT,\n"
	"  received_on TEXT NOT NULL,\n"
	"  accepted_on TEXT,\n"
	"  promised_on TEXT,\n"
	"  decided_on TEXT,\n"
	"  delivered_on TEXT,\n"
	"  provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1)),\n"
	"  conflict INTEGER NOT NULL DEFAULT 0 CHECK (conflict IN (0, 1)),\n"
	"  last_seq INTEGER NOT NULL DEFAULT 0,\n"
	"  created_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  updated_at TEXT NOT NULL DEFAULT " NOW "\n"
	");\n"
	"CREATE INDEX cases_by_applicant_id_no ON cases (applicant_id_no);\n"
	"CREATE INDEX cases_by_applicant_name ON cases (applicant_name);\n"
	"CREATE INDEX cases_by_state ON cases (state, promised_on);\n"

	/* Events: append-only.  Corrections are new events. */
	"CREATE TABLE events (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"		/* UUID made on the terminal */
	"  case_id TEXT NOT NULL REFERENCES cases (id),\n"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),\n"
	"  type TEXT NOT NULL,\n"
	"  at TEXT NOT NULL,\n"
	"  actor TEXT NOT NULL,\n"
	"  body TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(body)),\n"
	"  UNIQUE (case_id, seq)\n"
	");\n"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN\n"
	"  SELECT RAISE(ABORT, '办件事件只能追加，不能修改');\n"
	"END;\n"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN\n"
	"  SELECT RAISE(ABORT, '办件事件只能追加，不能删除');\n"
	"END;\n"

	/* Events not yet accepted by central. */
	"CREATE TABLE outbox (\n"
	"  event_id TEXT PRIMARY KEY NOT NULL REFERENCES events (id),\n"
	"  queued_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  attempts INTEGER NOT NULL DEFAULT 0,\n"
	"  last_error TEXT,\n"
	"  next_try_at TEXT\n"
	");\n"

	/* Unfinished intake, kept across crashes and lost sessions. */
	"CREATE TABLE drafts (\n"
	"  id TEXT PRIMARY KEY NOT NULL,\n"
	"  user_name TEXT NOT NULL,\n"
	"  updated_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  body TEXT NOT NULL CHECK (json_valid(body))\n"
	");\n"
	"CREATE INDEX drafts_by_user ON drafts (user_name, updated_at);\n"

	/* Users and roles as central distributes them (argon2id hashes). */
	"CREATE TABLE users (\n"
	"  name TEXT PRIMARY KEY NOT NULL,\n"
	"  display_name TEXT,\n"
	"  role TEXT NOT NULL CHECK (role IN ('clerk', 'approver', 'issuer',"
	" 'supervisor', 'admin')),\n"
	"  department TEXT,\n"
	"  pw_hash TEXT NOT NULL,\n"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),\n"
	"  failed_logins INTEGER NOT NULL DEFAULT 0,\n"
	"  locked_until TEXT\n"
	");\n"

	"PRAGMA user_version = 1;\n";

/* Version 2: what the counter needs beyond v1 — the projection's item
 * name and deadlines, login slow-down, one draft per user and kind, the
 * local ticket queue (取号叫号) and the consultation ledger (咨询台账).
 * events.at and consultations.at are local times with their offset
 * (2026-03-02T09:15:00+08:00): the moment as the clerk saw it. */
static const char step2[] =
	"ALTER TABLE cases ADD COLUMN item_name TEXT;\n"
	"ALTER TABLE cases ADD COLUMN channel TEXT;\n"
	"ALTER TABLE cases ADD COLUMN correction_due_on TEXT;\n"
	"ALTER TABLE cases ADD COLUMN result_due_on TEXT;\n"
	"ALTER TABLE cases ADD COLUMN deliver_due_on TEXT;\n"
	"ALTER TABLE cases ADD COLUMN closed_on TEXT;\n"
	"ALTER TABLE cases ADD COLUMN " BOOL("deemed_accepted") ";\n"
	"CREATE INDEX cases_by_item ON cases (item_code);\n"
	"CREATE INDEX cases_by_received ON cases (received_on);\n"
	"CREATE INDEX events_by_case ON events (case_id, seq);\n"

	"ALTER TABLE users ADD COLUMN last_failed_at TEXT;\n"

	/* One draft per user and kind; v1 rows become kind 'intake', older
	 * duplicates keep their own kind so that nothing is lost. */
	"ALTER TABLE drafts ADD COLUMN kind TEXT NOT NULL DEFAULT 'intake';\n"
	"UPDATE drafts SET kind = 'intake-' || id WHERE rowid NOT IN"
	" (SELECT max(rowid) FROM drafts GROUP BY user_name);\n"
	"CREATE UNIQUE INDEX drafts_by_user_kind ON drafts (user_name, kind);\n"

	/* Tickets of the local queue; numbers count per class per day. */
	"CREATE TABLE queue_tickets (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  day TEXT NOT NULL,\n"
	"  class TEXT NOT NULL CHECK (class IN ('normal', 'priority')),\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('general', 'elderly', 'disabled',"
	" 'pregnant', 'sick')),\n"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),\n"
	"  number TEXT NOT NULL,\n"
	"  state TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'called',"
	" 'served', 'skipped')),\n"
	"  taken_at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  called_at TEXT,\n"
	"  calls INTEGER NOT NULL DEFAULT 0,\n"
	"  window_no INTEGER,\n"
	"  clerk TEXT,\n"
	"  case_number TEXT,\n"
	"  done_at TEXT,\n"
	"  UNIQUE (day, class, seq)\n"
	");\n"
	"CREATE INDEX queue_waiting ON queue_tickets (day, state, class, id);\n"
	"CREATE INDEX queue_by_window ON queue_tickets (window_no, state);\n"

	/* 咨询台账: what was asked about which item, for the analysis of
	 * frequent questions. */
	"CREATE TABLE consultations (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  item_code TEXT NOT NULL,\n"
	"  question TEXT,\n"
	"  clerk TEXT NOT NULL,\n"
	"  at TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX consultations_by_item ON consultations (item_code, at);\n"

	"PRAGMA user_version = 2;\n";

/* Version 3: sync with central.  Events cannot be updated (trigger), so
 * the server's sequence of each event central holds is kept beside them
 * in event_sync; an outbox row carries the idempotency key of the push
 * batch it was last sent in (chosen and committed before sending, reused
 * on every retry); sync_conflicts keeps what central refused (conflict
 * with the case's state on central, or invalid) for the conflicts
 * worklist: never dropped, resolved only by a person. */
static const char step3[] =
	"CREATE TABLE event_sync (\n"
	"  event_id TEXT PRIMARY KEY NOT NULL REFERENCES events (id),\n"
	"  server_seq INTEGER NOT NULL CHECK (server_seq >= 1),\n"
	"  terminal TEXT,\n"		/* "SITE-TT" of the sender, when known */
	"  synced_at TEXT NOT NULL DEFAULT " NOW "\n"
	");\n"
	"CREATE INDEX event_sync_by_seq ON event_sync (server_seq);\n"

	"ALTER TABLE outbox ADD COLUMN batch_key TEXT;\n"
	"CREATE INDEX outbox_by_batch ON outbox (batch_key);\n"

	"CREATE TABLE sync_conflicts (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  event_id TEXT NOT NULL UNIQUE REFERENCES events (id),\n"
	"  case_id TEXT NOT NULL REFERENCES cases (id),\n"
	"  status TEXT NOT NULL CHECK (status IN ('conflict', 'invalid')),\n"
	"  server_state TEXT,\n"		/* conflict: the case's state on central */
	"  reason TEXT NOT NULL,\n"
	"  at TEXT NOT NULL DEFAULT " NOW ",\n"
	"  resolved_at TEXT,\n"
	"  resolved_by TEXT,\n"
	"  resolution TEXT\n"
	");\n"
	"CREATE INDEX sync_conflicts_open ON sync_conflicts (resolved_at, id);\n"

	"PRAGMA user_version = 3;\n";

/* Version 4: the back office.  Hand-over registers (材料交接单 of paper
 * materials to a department, 办理结果交接单 of results to the issuing
 * window): numbered per terminal, kind and day; each lists its cases and,
 * for materials, each case's paper with counts; both signatures with
 * their moments; discrepancies found on receipt.  一件事 bundles: which
 * cases are parts of one joint application, and the lead department's
 * closing of it.  The case events themselves stay in `events`. */
static const char step4[] =
	"CREATE TABLE register_seq (\n"
	"  kind TEXT NOT NULL CHECK (kind IN ('materials', 'results')),\n"
	"  day INTEGER NOT NULL,\n"			/* date.h day number */
	"  seq INTEGER NOT NULL CHECK (seq >= 1),\n"
	"  PRIMARY KEY (kind, day)\n"
	");\n"
	"CREATE TABLE registers (\n"
	"  number TEXT PRIMARY KEY NOT NULL,\n"	/* JJ-.../JG-... */
	"  kind TEXT NOT NULL CHECK (kind IN ('materials', 'results')),\n"
	"  department TEXT NOT NULL,\n"
	"  day TEXT NOT NULL,\n"			/* made on */
	"  created_by TEXT NOT NULL,\n"
	"  created_at TEXT NOT NULL,\n"		/* local time with offset */
	"  sender TEXT,\n"
	"  sent_at TEXT,\n"
	"  receiver TEXT,\n"
	"  received_at TEXT,\n"
	"  received_on TEXT,\n"			/* day of receipt */
	"  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'sent',"
	" 'receiving', 'received'))\n"
	");\n"
	"CREATE INDEX registers_by_state ON registers (kind, state, department);\n"
	"CREATE TABLE register_cases (\n"
	"  register TEXT NOT NULL REFERENCES registers (number),\n"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),\n"
	"  case_id TEXT NOT NULL REFERENCES cases (id),\n"
	"  case_number TEXT NOT NULL,\n"
	"  " BOOL("applied") ",\n"			/* its events are written */
	"  PRIMARY KEY (register, case_id),\n"
	"  UNIQUE (register, seq)\n"
	");\n"
	"CREATE INDEX register_cases_by_case ON register_cases (case_id);\n"
	"CREATE TABLE register_materials (\n"
	"  register TEXT NOT NULL,\n"
	"  case_id TEXT NOT NULL,\n"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),\n"
	"  material_id TEXT NOT NULL,\n"
	"  name TEXT NOT NULL,\n"
	"  form TEXT NOT NULL CHECK (form IN ('paper', 'electronic', 'fetched', 'deferred')),\n"
	"  originals INTEGER NOT NULL CHECK (originals >= 0),\n"
	"  copies INTEGER NOT NULL CHECK (copies >= 0),\n"
	"  PRIMARY KEY (register, case_id, material_id),\n"
	"  FOREIGN KEY (register, case_id) REFERENCES register_cases (register, case_id)\n"
	");\n"
	"CREATE TABLE register_discrepancies (\n"
	"  id INTEGER PRIMARY KEY,\n"
	"  register TEXT NOT NULL,\n"
	"  case_id TEXT NOT NULL,\n"
	"  material_id TEXT NOT NULL,\n"
	"  text TEXT NOT NULL,\n"
	"  recorded_by TEXT NOT NULL,\n"
	"  recorded_at TEXT NOT NULL,\n"
	"  FOREIGN KEY (register, case_id) REFERENCES register_cases (register, case_id)\n"
	");\n"
	"CREATE INDEX register_discrepancies_by_case ON register_discrepancies (case_id);\n"

	"CREATE TABLE bundle_cases (\n"
	"  case_id TEXT PRIMARY KEY NOT NULL REFERENCES cases (id),\n"
	"  bundle_id TEXT NOT NULL,\n"		/* one joint application */
	"  bundle_code TEXT NOT NULL,\n"		/* the catalog's 一件事 */
	"  lead_department TEXT NOT NULL\n"
	");\n"
	"CREATE INDEX bundle_cases_by_bundle ON bundle_cases (bundle_id);\n"
	"CREATE TABLE bundle_closures (\n"
	"  bundle_id TEXT PRIMARY KEY NOT NULL,\n"
	"  closed_on TEXT NOT NULL,\n"
	"  closed_by TEXT NOT NULL,\n"
	"  closed_at TEXT NOT NULL\n"
	");\n"
	"PRAGMA user_version = 4;\n";

const char *const store_migrations[] = {
	step1,
	step2,
	step3,
	step4,
};

const int store_nmigrations = (int)(sizeof store_migrations / sizeof store_migrations[0]);

int store_schema_version(void)
{
	return store_nmigrations;
}
