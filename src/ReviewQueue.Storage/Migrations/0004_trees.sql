-- Git trees: what each watched branch held when last synced, the commits indexed from it, and
-- which posted patches were merged (issue 5). Commits and merges are only ever added.

-- The head each watched branch had at its last sync; the next sync walks only what is new since.
CREATE TABLE tree_branches (
    tree     TEXT    NOT NULL,
    branch   TEXT    NOT NULL,
    head     TEXT    NOT NULL,
    synced   TEXT    NOT NULL,            -- when ReviewQueue last synced it
    commits  INTEGER NOT NULL DEFAULT 0,  -- non-merge commits indexed from it so far
    PRIMARY KEY (tree, branch)
);

-- Every non-merge commit indexed from a watched branch, with what merged detection needs.
CREATE TABLE tree_commits (
    id            INTEGER PRIMARY KEY,
    tree          TEXT NOT NULL,
    branch        TEXT NOT NULL,
    sha           TEXT NOT NULL,
    tree_sha      TEXT NOT NULL,          -- the commit's tree object
    patch_id      TEXT,                   -- git patch-id --stable; NULL for an empty commit
    full_patch_id TEXT,                   -- the same over full blob ids, only for commits with binary files:
                                          -- what a posted binary patch (full index) hashes to
    author        TEXT NOT NULL,
    email         TEXT NOT NULL,          -- lower case
    title         TEXT NOT NULL,
    title_key     TEXT NOT NULL,          -- the title folded for comparison (TitleKey)
    date          TEXT NOT NULL,          -- author date
    seen          TEXT NOT NULL,          -- when a sync first found it on this branch
    UNIQUE (tree, branch, sha)
);
CREATE INDEX tree_commits_sha ON tree_commits(tree, sha);
CREATE INDEX tree_commits_patch_id ON tree_commits(patch_id);
CREATE INDEX tree_commits_full_patch_id ON tree_commits(full_patch_id) WHERE full_patch_id IS NOT NULL;
CREATE INDEX tree_commits_author_title ON tree_commits(email, title_key);

-- Message ids a commit names in Link: (patch.msgid.link, lore) or Message-Id: trailers.
CREATE TABLE tree_commit_links (
    commit_id  INTEGER NOT NULL REFERENCES tree_commits(id),
    message_id TEXT    NOT NULL,          -- without angle brackets
    PRIMARY KEY (commit_id, message_id)
);
CREATE INDEX tree_commit_links_message ON tree_commit_links(message_id);

-- What merged detection looks a posted patch up by. Filled from stored messages (for now by a
-- minimal reading of the raw mail; the mail reader's PatchMail takes over).
CREATE TABLE patch_keys (
    id          INTEGER PRIMARY KEY,
    message_id  TEXT NOT NULL UNIQUE,
    patch_id    TEXT,
    email       TEXT,                     -- lower case
    title_key   TEXT,
    date        TEXT
);
CREATE INDEX patch_keys_patch_id ON patch_keys(patch_id);
CREATE INDEX patch_keys_author_title ON patch_keys(email, title_key);

-- Ledger facts: a posted patch found merged in a watched branch, with the evidence, strongest
-- first: link (a trailer names the message), patch-id (same diff), author-title (merged with changes).
CREATE TABLE merges (
    id          INTEGER PRIMARY KEY,
    message_id  TEXT NOT NULL,
    tree        TEXT NOT NULL,
    branch      TEXT NOT NULL,
    sha         TEXT NOT NULL,
    evidence    TEXT NOT NULL CHECK (evidence IN ('link', 'patch-id', 'author-title')),
    recorded    TEXT NOT NULL,
    UNIQUE (message_id, tree, branch, sha)
);
CREATE INDEX merges_message ON merges(message_id);
