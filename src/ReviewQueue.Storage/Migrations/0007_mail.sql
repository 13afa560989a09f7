-- IMAP: the last UID imported per account and folder, written in the same transaction as the
-- messages it covers. A new UIDVALIDITY means the folder was recreated: start again from UID 0.
CREATE TABLE imap_folders (
    account     TEXT    NOT NULL,
    folder      TEXT    NOT NULL,
    uidvalidity INTEGER NOT NULL,
    last_uid    INTEGER NOT NULL,
    updated     TEXT    NOT NULL,
    PRIMARY KEY (account, folder)
);

-- Mailing lists ReviewQueue subscribed itself to: requested, then confirmed (we answered the
-- confirmation). "active" is shown once messages from the list (messages.list_id) arrived.
CREATE TABLE lists (
    id          INTEGER PRIMARY KEY,
    address     TEXT    NOT NULL UNIQUE,     -- the list's posting address
    list_id     TEXT    NOT NULL,            -- List-Id without angle brackets
    software    TEXT    NOT NULL,            -- mlmmj, mailman
    account     TEXT    NOT NULL,            -- the IMAP account that receives it
    subscriber  TEXT    NOT NULL,            -- the address that was subscribed
    state       TEXT    NOT NULL,            -- requested, confirmed
    requested   TEXT    NOT NULL,
    confirmed   TEXT
);

-- Who receives digests, of which subsystems (JSON array; empty: all), how often (cron), and from
-- what age a series is worth mentioning. token: the one-click unsubscribe secret.
CREATE TABLE digest_subscriptions (
    id           INTEGER PRIMARY KEY,
    address      TEXT    NOT NULL UNIQUE,
    subsystems   TEXT    NOT NULL,
    every        TEXT    NOT NULL,
    min_age      INTEGER NOT NULL,           -- TimeSpan ticks
    token        TEXT    NOT NULL UNIQUE,
    created      TEXT    NOT NULL,
    unsubscribed TEXT                        -- set: no more digests
);

-- Every digest, recorded before it is sent with its full message, so a retry or a resend after a
-- crash sends the same Message-ID; never two for one period.
CREATE TABLE digests (
    id           INTEGER PRIMARY KEY,
    subscription INTEGER NOT NULL REFERENCES digest_subscriptions(id),
    period       TEXT    NOT NULL,
    message_id   TEXT    NOT NULL UNIQUE,
    state        TEXT    NOT NULL,           -- queued, sent, failed
    attempts     INTEGER NOT NULL DEFAULT 0,
    claimed_until TEXT,                      -- a sender is at it until then; after it (a crash), anyone may retry
    last_error   TEXT,
    created      TEXT    NOT NULL,
    sent         TEXT,
    raw          BLOB    NOT NULL,           -- zlib-compressed message
    UNIQUE (subscription, period)
);
