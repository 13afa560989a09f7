-- The review ledger: append-only facts, each with the time it happened. Facts read from a mail
-- (posted, replied, trailer, nak, applied, withdrawn) are re-derived by `reindex`; facts found by
-- assembly (revision-linked, superseded) and by watching trees (merged) are appended as found.
CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,              -- when it happened (the mail's date, the commit's time)
    recorded   TEXT NOT NULL,              -- when the ledger learnt it
    kind       TEXT NOT NULL,
    message_id TEXT NOT NULL,              -- the mail (or commit) it came from
    target     TEXT NOT NULL DEFAULT '',   -- the message it concerns: parent, patch, older revision
    data       TEXT NOT NULL,              -- JSON
    UNIQUE (kind, message_id, target)
);
CREATE INDEX events_at ON events(at);
CREATE INDEX events_target ON events(target);

-- Derived from the events: every topic as last assembled (the API's JSON in data).
CREATE TABLE topics (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    author_name     TEXT,
    author_email    TEXT,
    first_posted    TEXT NOT NULL,
    last_activity   TEXT NOT NULL,
    state           TEXT NOT NULL,
    current_version INTEGER NOT NULL,
    patches         INTEGER NOT NULL,
    reviewed        INTEGER NOT NULL,
    data            TEXT NOT NULL
);
CREATE INDEX topics_state ON topics(state);
CREATE INDEX topics_first_posted ON topics(first_posted);

-- Which topic each posted or answering message belongs to, for `show MSGID`.
CREATE TABLE topic_messages (
    message_id TEXT PRIMARY KEY,
    topic_id   TEXT NOT NULL
);
CREATE INDEX topic_messages_topic ON topic_messages(topic_id);
