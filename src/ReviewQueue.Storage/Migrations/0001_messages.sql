-- Every message as it arrived (compressed), identified by its Message-ID.
CREATE TABLE messages (
    id          INTEGER PRIMARY KEY,
    message_id  TEXT    NOT NULL UNIQUE,
    synthetic   INTEGER NOT NULL DEFAULT 0,  -- 1: the mail had no Message-ID; ours is derived from content
    list_id     TEXT,
    subject     TEXT,
    from_name   TEXT,
    from_email  TEXT,
    date        TEXT,                        -- the Date: header, ISO 8601; NULL when missing or unreadable
    arrived     TEXT    NOT NULL,            -- when ReviewQueue received it
    source      TEXT    NOT NULL,            -- file, folder or account it came from
    raw_size    INTEGER NOT NULL,
    raw         BLOB    NOT NULL,            -- zlib-compressed raw bytes
    kind        TEXT,                        -- patch, cover, pull, reply, other (mail reader)
    parsed      TEXT                         -- the mail reader's record, JSON
);
CREATE INDEX messages_list_id ON messages(list_id);
CREATE INDEX messages_date ON messages(date);

-- Mail that could not be read: kept with its raw bytes and the reasons, never dropped.
CREATE TABLE rejected (
    id       INTEGER PRIMARY KEY,
    sha256   TEXT    NOT NULL UNIQUE,
    source   TEXT    NOT NULL,
    arrived  TEXT    NOT NULL,
    reasons  TEXT    NOT NULL,               -- JSON array of {code, detail}
    raw_size INTEGER NOT NULL,
    raw      BLOB    NOT NULL
);

-- Small facts about this ledger (e.g. that the demo mail was imported).
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
