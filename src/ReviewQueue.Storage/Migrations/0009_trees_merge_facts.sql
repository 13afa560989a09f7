-- A stable backport ([PATCH AUTOSEL 6.6 …], [PATCH 6.1 …]) copies a commit already in mainline, so its
-- patch-id is always found there: it is merged only on a branch naming its stable tree (linux-6.6.y).
ALTER TABLE patch_keys ADD COLUMN stable_tree TEXT;   -- "6.6" for a backport, else NULL

-- The keys stored so far were read without it: the next sync reads them again and matches them anew
-- (merges already recorded are ledger facts and stay).
DELETE FROM patch_keys;
DELETE FROM meta WHERE key IN ('patch-keys:message-row', 'merges:key-row');

-- When a commit was committed (entered the tree): a merge's ledger event happened then, not when a
-- sync found it. NULL for commits stored before; their merges keep the sync's time.
ALTER TABLE tree_commits ADD COLUMN committed TEXT;
