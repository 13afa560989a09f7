namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// A MAINTAINERS file compiled against one tree, with the tree's .mailmap: "whose is this path, this patch, this
/// series?" answered as get_maintainer.pl --nogit --nogit-fallback answers it. Immutable; safe to share.
/// </summary>
public sealed class MaintainersMap
{
    public MaintainersFile File { get; }
    public SubsystemMatcher Matcher { get; }
    public Mailmap Mailmap { get; }
    public GetMaintainerDialect Dialect => Matcher.Dialect;
    readonly SectionRecipientsCache recipientsCache;

    public MaintainersMap(MaintainersFile file, TreeFileList tree, Mailmap? mailmap = null)
    {
        File = file;
        Matcher = SubsystemMatcher.Compile(file, tree);
        Mailmap = mailmap ?? Mailmap.Empty;
        recipientsCache = new SectionRecipientsCache(Matcher.Dialect);
    }

    /// <summary>Every problem found: unreadable lines, regexes that do not compile, mailmap lines.</summary>
    public IEnumerable<MaintainersProblem> Problems => File.Problems.Concat(Matcher.Problems).Concat(Mailmap.Problems);

    /// <summary>One path, as `get_maintainer.pl -f PATH`. <paramref name="keywordSections"/> stands for K: hits in
    /// the file's content, which only a checkout can tell.</summary>
    public MaintainersAnswer ForPath(string path, IEnumerable<Section>? keywordSections = null, Func<string, string?>? content = null) =>
        ForPaths([path], [.. (keywordSections ?? []).Select(s => (s, ""))], content);

    /// <summary>A patch, or a whole series as one text: its paths and its K: hits.</summary>
    public MaintainersAnswer ForPatch(string patchText, Func<string, string?>? content = null) => ForPatches([patchText], content);

    /// <summary>Patch files as get_maintainer.pl takes several: one answer for all, each file read from its start.</summary>
    public MaintainersAnswer ForPatches(IEnumerable<string> patchTexts, Func<string, string?>? content = null)
    {
        var read = PatchFiles.Read(patchTexts, Matcher);
        return ForPaths(read.Paths, [.. read.Keywords.Select(k => (Matcher.Sections[k.SectionIndex], k.Field.Value))], content);
    }

    /// <summary>Recipients for sections already ordered (one path's), e.g. to try another order of tied sections.</summary>
    public IReadOnlyList<Recipient> RecipientsFor(IEnumerable<Section> ordered, IEnumerable<Section>? keywordSections = null,
        IEnumerable<string>? fileEmails = null)
    {
        var recipients = new RecipientList(recipientsCache, Mailmap);
        recipients.AddFile(ordered);
        recipients.AddFileEmails(fileEmails ?? []);
        foreach (var s in keywordSections ?? [])
            recipients.AddKeyword(s, "");
        return recipients.ToList();
    }

    /// <summary><paramref name="content"/> gives a path's text when a checkout or the tree is at hand (null: absent),
    /// for the addresses get_maintainer.pl finds in .yaml files.</summary>
    MaintainersAnswer ForPaths(IReadOnlyList<string> paths, IReadOnlyList<(Section Section, string Keyword)> keywords,
        Func<string, string?>? content = null)
    {
        var recipients = new RecipientList(recipientsCache, Mailmap);
        var all = new List<SectionMatch>();
        foreach (var path in paths)
        {
            var matches = Matcher.Match(path);
            recipients.AddFile(matches.Select(m => m.Section));
            if (content is not null && FileEmails.AreReadFor(path) && content(path) is { } text)
                recipients.AddFileEmails(FileEmails.Find(text));
            foreach (var m in matches)
                if (!all.Any(a => ReferenceEquals(a.Section, m.Section)))
                    all.Add(m);
        }
        foreach (var (section, keyword) in keywords)
            recipients.AddKeyword(section, keyword);
        return new MaintainersAnswer(paths, all, [.. keywords.Select(k => k.Section).Distinct()], recipients.ToList());
    }
}
