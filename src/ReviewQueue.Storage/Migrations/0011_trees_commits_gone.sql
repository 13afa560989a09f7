-- A commit a force-push or rebase took out of its branch: when a sync found it gone (NULL while it is in the branch).
-- It is still the same commit (its row and its merges stay), but a patch posted after it went (a RESEND, a v2 of a
-- dropped patch) is not merged by it: that posting is not in the branch.
ALTER TABLE tree_commits ADD COLUMN gone TEXT;
