using Microsoft.Extensions.Options;
using ReviewQueue.Configuration;
using ReviewQueue.Core.Mail;
using ReviewQueue.Core.Subsystems;
using ReviewQueue.Git.Maintainers;
using ReviewQueue.Storage;

namespace ReviewQueue.Subsystems;

/// <summary>
/// Turns "Maintainers" (or a command's overrides) into a compiled MAINTAINERS, and writes its sections to the
/// ledger so that series can be linked to them. A configured tree is read at its first branch's head and compiled
/// again only when the MAINTAINERS blob changes.
/// </summary>
public sealed class MaintainersSource(IOptions<MaintainersOptions> options, IReadOnlyList<TreeOptions> trees, SubsystemStore store)
{
    readonly Dictionary<string, TreeMaintainers> readers = [];

    /// <summary>
    /// The problem when nothing names a MAINTAINERS. It names the keys only: most commands that say it (import, trees sync,
    /// subsystems, digest subscribe) have no option for it; the maintainers command adds its own.
    /// </summary>
    public const string NoneConfigured = "no MAINTAINERS: set Maintainers:Tree or Maintainers:File";

    /// <summary>The map, or a sentence saying why there is none. Overrides win over the configuration.</summary>
    public MaintainersSnapshot? Load(string? file, string? treeName, string? treeFiles, out string? problem)
    {
        problem = null;
        var o = options.Value;
        if (file is null && treeName is null)
        {
            file = o.File;
            treeName = o.Tree;
            treeFiles ??= o.TreeFiles;
        }
        if (treeName is not null)
        {
            var tree = trees.FirstOrDefault(t => t.Name == treeName);
            if (tree is null)
            {
                problem = $"no tree named {treeName} in Trees";
                return null;
            }
            var branch = tree.Branches.FirstOrDefault() ?? "master";
            if (!readers.TryGetValue(tree.Name, out var reader))
                readers[tree.Name] = reader = new TreeMaintainers(tree.Path, branch, fetched: tree.Remote is not null);
            try
            {
                return reader.Load();
            }
            catch (Exception e) when (e is InvalidOperationException or LibGit2Sharp.LibGit2SharpException)
            {
                problem = e.Message;
                return null;
            }
        }
        if (file is null)
        {
            problem = NoneConfigured;
            return null;
        }
        if (!File.Exists(file))
        {
            problem = $"no such file: {file}";
            return null;
        }
        if (treeFiles is not null && !File.Exists(treeFiles))
        {
            problem = $"no such file: {treeFiles} (the tree's file list)";
            return null;
        }
        var list = treeFiles is null ? TreeFileList.Empty : TreeFileList.Parse(File.ReadAllText(treeFiles));
        var mailmapPath = MailmapPath(o, file);
        var mailmap = File.Exists(mailmapPath) ? Mailmap.Parse(File.ReadAllText(mailmapPath), mailmapPath) : null;
        var text = File.ReadAllText(file);
        if (text.Contains('\0'))
        {
            // No text holds NUL bytes: an archive, an image or a ledger given for it, which the parser would still turn
            // into sections (a tar of MAINTAINERS gave one titled with its header) and store.
            problem = $"{file} is not a text file (it holds NUL bytes), so no MAINTAINERS";
            return null;
        }
        var parsed = MaintainersFile.Parse(text, file);
        if (parsed.Sections.Count == 0)
        {
            // Another file given for it (the tree's file list, a patch): answered with no one and stored, it would
            // replace the ledger's sections with none.
            problem = $"{file} holds no MAINTAINERS section (a title line followed by M:, L:, S: or F: lines)";
            return null;
        }
        var map = new MaintainersMap(parsed, list, mailmap);
        Func<string, TreePathKind>? pathKind = null;
        if (treeFiles is not null)
        {
            // Only the maintainers command asks, for a few paths: the files' set is made then, not for every load.
            var listed = new Lazy<HashSet<string>>(() => File.ReadLines(treeFiles).Select(l => l.TrimEnd('\r')).ToHashSet(StringComparer.Ordinal));
            pathKind = path => path.Trim('/') is var p && (p.Length == 0 || list.IsDirectory(p)) ? TreePathKind.Directory
                : listed.Value.Contains(p) ? TreePathKind.File : TreePathKind.Missing;
        }
        return new MaintainersSnapshot(Path.GetFullPath(file), null, "", map, PathKind: pathKind);
    }

    /// <summary>
    /// The configured MAINTAINERS, file list and .mailmap as they are on disk now (each one's size and modification time, or
    /// that it is missing): another value than at the last <see cref="Load"/> means one of them was edited. Null with a tree,
    /// where the branch's head tells (a load compiles again only when its MAINTAINERS or .mailmap blobs changed).
    /// </summary>
    public string? FilesStamp()
    {
        var o = options.Value;
        if (o.Tree is not null || o.File is null)
            return null;
        return string.Join("|", new[] { o.File, o.TreeFiles, MailmapPath(o, o.File) }.Select(path =>
            path is null ? "" : new FileInfo(path) is { Exists: true } f ? $"{f.Length}@{f.LastWriteTimeUtc.Ticks}" : "none"));
    }

    static string MailmapPath(MaintainersOptions o, string file) =>
        o.Mailmap ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, ".mailmap");

    /// <summary>
    /// The configured .mailmap as git reads it, without MAINTAINERS, for `people` (reading stored people needs no
    /// sections); the same one <see cref="Load"/> gives, null where only a load tells (a tree's .mailmap).
    /// </summary>
    public GitMailmap? MailmapAlone()
    {
        var o = options.Value;
        if (o.Tree is not null)
            return null;
        if (o.File is null || !File.Exists(o.File))
            return GitMailmap.Empty;
        var path = MailmapPath(o, o.File);
        return File.Exists(path) ? Mailmap.Parse(File.ReadAllText(path), path).Git : GitMailmap.Empty;
    }

    /// <summary>The repository and branch behind a tree name (for recent reviewers), or nulls; Fetched: the tree has a Remote.</summary>
    public (string? Path, string? Branch, bool Fetched) TreeOf(string? treeName)
    {
        treeName ??= options.Value.Tree;
        var tree = trees.FirstOrDefault(t => t.Name == treeName);
        return tree is null ? (null, null, false) : (tree.Path, tree.Branches.FirstOrDefault() ?? "master", tree.Remote is not null);
    }

    /// <summary>Writes the snapshot's sections to the ledger.</summary>
    public Task<int> StoreAsync(MaintainersSnapshot snapshot, CancellationToken cancellationToken) =>
        store.ReplaceSectionsAsync(snapshot.Map.File.Sections.Select(s => new SubsystemStore.SectionInput(
            s.Name, s.Status, [.. s.Maintainers], [.. s.Reviewers], [.. s.Lists])), snapshot.Source, cancellationToken);
}
