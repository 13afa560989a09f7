-- Review debt, precomputed from the topics each time the projection is rebuilt, so the backlog,
-- the dashboard and the API read a few indexed rows instead of assembling the ledger.

-- Debt of every MAINTAINERS section now; rank 1 is the worst (unreviewed fixes, then patch-days).
CREATE TABLE debt_subsystems (
    name            TEXT PRIMARY KEY,
    rank            INTEGER NOT NULL,
    open_series     INTEGER NOT NULL,
    waiting_patches INTEGER NOT NULL,
    waiting_fixes   INTEGER NOT NULL,
    patch_days      REAL    NOT NULL,
    data            TEXT    NOT NULL     -- SubsystemDebt, JSON
);
CREATE INDEX debt_subsystems_rank ON debt_subsystems(rank);

-- The series waiting in each section, fixes first then oldest first (rank).
CREATE TABLE debt_waiting (
    subsystem TEXT    NOT NULL,
    rank      INTEGER NOT NULL,
    topic_id  TEXT    NOT NULL,
    data      TEXT    NOT NULL,          -- WaitingSeries, JSON
    PRIMARY KEY (subsystem, rank)
) WITHOUT ROWID;

-- Debt on each past day (end of day, UTC), recomputed from the events; subsystem '(all)' counts every series once.
CREATE TABLE debt_history (
    subsystem       TEXT    NOT NULL,
    day             TEXT    NOT NULL,    -- YYYY-MM-DD
    open_series     INTEGER NOT NULL,
    waiting_patches INTEGER NOT NULL,
    waiting_fixes   INTEGER NOT NULL,
    patch_days      REAL    NOT NULL,
    PRIMARY KEY (subsystem, day)
) WITHOUT ROWID;

-- Reviews given against reviews needed, per person (kind 'person', key = address) and per mail domain.
CREATE TABLE debt_people (
    kind TEXT    NOT NULL,
    key  TEXT    NOT NULL,
    rank INTEGER NOT NULL,
    data TEXT    NOT NULL,               -- ReviewBalance, JSON
    PRIMARY KEY (kind, key)
);
CREATE INDEX debt_people_rank ON debt_people(kind, rank);
