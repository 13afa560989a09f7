-- MAINTAINERS sections as last loaded, and which sections each patch or series touches.
CREATE TABLE subsystems (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE,     -- the section title, e.g. HARDWARE MONITORING
    status      TEXT,                        -- S: as written (Supported, Maintained, Odd Fixes, ...)
    maintainers TEXT    NOT NULL,            -- JSON array of M: values
    reviewers   TEXT    NOT NULL,            -- JSON array of R: values
    lists       TEXT    NOT NULL,            -- JSON array of L: values
    source      TEXT    NOT NULL,            -- where MAINTAINERS came from: tree:branch@commit or a file path
    loaded      TEXT    NOT NULL,            -- when this row was last written
    present     INTEGER NOT NULL DEFAULT 1   -- 0: the section is gone from the current MAINTAINERS (kept for history)
);

-- "Message X touches sections [...]": a patch or a cover letter (for the whole series), by Message-ID.
CREATE TABLE message_subsystems (
    message_id   TEXT    NOT NULL,
    subsystem_id INTEGER NOT NULL REFERENCES subsystems(id),
    position     INTEGER NOT NULL,           -- order as get_maintainer.pl gives it (0 = deepest match)
    PRIMARY KEY (message_id, subsystem_id)
);
CREATE INDEX message_subsystems_subsystem ON message_subsystems(subsystem_id);
