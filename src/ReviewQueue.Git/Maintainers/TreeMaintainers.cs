using LibGit2Sharp;
using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Git.Maintainers;

/// <summary>
/// Reads MAINTAINERS (the top one, then every other */MAINTAINERS as U-Boot splits it), .mailmap and the file list
/// from one commit of a repository: the head of a branch. Keeps the last compiled answer and compiles again only
/// when a MAINTAINERS blob (or the commit's tree listing it) changed. <paramref name="fetched"/>: the tree has a Remote,
/// so the branch is the one fetched into refs/remotes/reviewqueue/, as the sync reads it.
/// </summary>
public sealed class TreeMaintainers(string repositoryPath, string branch, bool fetched = false)
{
    MaintainersSnapshot? last;
    readonly Lock gate = new();

    public string Source => $"{repositoryPath}:{branch}";

    public MaintainersSnapshot Load()
    {
        using var repo = new Repository(repositoryPath);
        var commit = Trees.TreeRepository.Head(repo, branch, fetched)
            ?? throw new InvalidOperationException(fetched
                ? $"branch {branch} not fetched into {repositoryPath} yet: run trees sync"
                : $"{repositoryPath}: {Trees.TreeRepository.NoBranch(repo, branch, fetched)}");
        lock (gate)
        {
            // The service asks at every debt refresh whether MAINTAINERS changed: a head it compiled is answered at once.
            if (last?.Commit == commit.Sha)
                return last;
        }
        var directories = new List<string>();
        var maintainers = new List<(string Path, Blob Blob)>();
        Blob? mailmap = null;
        int files = Walk(commit.Tree, "", directories, maintainers, ref mailmap);
        if (maintainers.Count == 0)
            throw new InvalidOperationException($"no MAINTAINERS in {Source} at {commit.Sha[..12]}");
        maintainers.Sort((a, b) => a.Path == "MAINTAINERS" ? -1 : b.Path == "MAINTAINERS" ? 1 : string.CompareOrdinal(a.Path, b.Path));
        var blobIds = string.Join(",", maintainers.Select(m => m.Blob.Sha)) + "|" + (mailmap?.Sha ?? "");
        lock (gate)
        {
            // The file list only decides which F: patterns name directories: a new commit with the same
            // MAINTAINERS reuses the compiled map.
            if (last is not null && last.BlobIds == blobIds)
                return last = last with { Commit = commit.Sha, Content = ContentAt(commit.Sha), PathKind = PathAt(commit.Sha) };
        }
        // Refused as a MAINTAINERS file given by path is (MaintainersSource): stored, either would replace the ledger's
        // sections with nonsense or with none.
        var texts = maintainers.Select(m => (m.Path, Text: m.Blob.GetContentText())).ToList();
        var at = $"in {Source} at {commit.Sha[..12]}";
        if (texts.FirstOrDefault(t => t.Text.Contains('\0')) is { Path: { } binary })
            throw new InvalidOperationException($"{binary} {at} is not a text file (it holds NUL bytes), so no MAINTAINERS");
        var file = MaintainersFile.Parse(texts);
        if (file.Sections.Count == 0)
            throw new InvalidOperationException($"MAINTAINERS {at} holds no MAINTAINERS section (a title line followed by M:, L:, S: or F: lines)");
        var map = new MaintainersMap(file, TreeFileList.FromDirectories(directories, files), mailmap is null ? null : Mailmap.Parse(mailmap.GetContentText()));
        var snapshot = new MaintainersSnapshot($"{Source}@{commit.Sha[..12]}", commit.Sha, blobIds, map, ContentAt(commit.Sha), PathAt(commit.Sha));
        lock (gate)
            last = snapshot;
        return snapshot;
    }

    Func<string, string?> ContentAt(string sha) => path =>
    {
        using var repo = new Repository(repositoryPath);
        return repo.Lookup<Commit>(sha)?[path]?.Target is Blob blob ? blob.GetContentText() : null;
    };

    Func<string, TreePathKind> PathAt(string sha) => path =>
    {
        path = path.Trim('/');
        if (path.Length == 0)
            return TreePathKind.Directory;
        using var repo = new Repository(repositoryPath);
        return repo.Lookup<Commit>(sha)?[path]?.TargetType switch
        {
            TreeEntryTargetType.Tree => TreePathKind.Directory,
            null => TreePathKind.Missing,
            _ => TreePathKind.File,
        };
    };

    /// <summary>Collects the tree's directories (only they matter to F: patterns: a path per file would be 86,000
    /// strings for Linux) and its MAINTAINERS and .mailmap blobs; returns how many files it has.</summary>
    static int Walk(Tree tree, string prefix, List<string> directories, List<(string, Blob)> maintainers, ref Blob? mailmap)
    {
        int files = 0;
        foreach (var entry in tree)
        {
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    var directory = prefix + entry.Name;
                    directories.Add(directory);
                    files += Walk((Tree)entry.Target, directory + "/", directories, maintainers, ref mailmap);
                    break;
                case TreeEntryTargetType.Blob:
                    files++;
                    var name = entry.Name;
                    if (name == "MAINTAINERS" && entry.Mode != Mode.SymbolicLink)
                        maintainers.Add((prefix + name, (Blob)entry.Target));
                    else if (name == ".mailmap" && prefix.Length == 0)
                        mailmap = (Blob)entry.Target;
                    break;
                default:
                    files++; // submodules are paths too
                    break;
            }
        }
        return files;
    }
}
