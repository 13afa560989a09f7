using System.Runtime.CompilerServices;


namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// Maps paths to MAINTAINERS sections with get_maintainer.pl's rules: a section with a matching X: is out; else
/// each matching F: (or N:, depth 0) sets the section's depth, the last matching line of the section winning;
/// sections sort deepest first. get_maintainer.pl leaves ties in Perl's randomised hash order (it differs
/// from run to run); ReviewQueue puts them in file order. Built once per MAINTAINERS and tree; lookups share nothing
/// mutable, so one matcher serves every thread.
/// </summary>
public sealed class SubsystemMatcher
{
    public IReadOnlyList<Section> Sections { get; }
    /// <summary>Patterns that cannot be used, in file order. N: and K: regexes are built on first use, so asking
    /// this builds them all.</summary>
    public IReadOnlyList<MaintainersProblem> Problems => problems.Value;
    public IReadOnlyList<KeywordPattern> Keywords { get; }
    public GetMaintainerDialect Dialect { get; }
    readonly PrefixIndex<FilePattern> index = new();
    readonly List<NamePattern> names = [];
    readonly Lazy<IReadOnlyList<MaintainersProblem>> problems;

    // Runs once per load over every field: compiled optimised at once, not as tier-0 code replaced mid-loop.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    SubsystemMatcher(MaintainersFile file, TreeFileList tree)
    {
        Sections = file.Sections;
        Dialect = GetMaintainerDialect.For(file);
        var unusable = new List<FilePattern>();
        var keywords = new List<KeywordPattern>();
        for (int s = 0; s < Sections.Count; s++)
        {
            foreach (var field in Sections[s].Fields)
            {
                switch (field.Letter)
                {
                    case 'F' or 'X':
                        var pattern = new FilePattern(field, s, tree, Dialect.BraceExpansion);
                        if (pattern.Error is not null)
                            unusable.Add(pattern);
                        index.Add(pattern.LiteralPrefix, pattern);
                        break;
                    case 'N':
                        names.Add(new NamePattern(field, s));
                        break;
                    case 'K':
                        keywords.Add(new KeywordPattern(field, s));
                        break;
                }
            }
        }
        index.Seal();
        Keywords = keywords;
        problems = new(() => ProblemsInFileOrder(unusable));
    }

    List<MaintainersProblem> ProblemsInFileOrder(List<FilePattern> unusable)
    {
        var all = new List<(int Ordinal, MaintainersProblem Problem)>();
        foreach (var p in unusable)
            all.Add((p.Field.Ordinal, Problem(p.Field, p.Error!)));
        foreach (var n in names)
            if (n.Error is { } error)
                all.Add((n.Field.Ordinal, Problem(n.Field, error)));
        foreach (var k in Keywords)
            if (k.Error is { } error)
                all.Add((k.Field.Ordinal, Problem(k.Field, error)));
        return [.. all.OrderBy(a => a.Ordinal).Select(a => a.Problem)];
    }

    static MaintainersProblem Problem(MaintainersField field, string error) =>
        new(field.File, field.Line, field.ToString(), $"regex that cannot be compiled: {error}");

    public static SubsystemMatcher Compile(MaintainersFile file, TreeFileList tree) => new(file, tree);

    /// <summary>The sections of one path, in get_maintainer.pl's order.</summary>
    public IReadOnlyList<SectionMatch> Match(string path)
    {
        int slashes = 0;
        foreach (var c in path)
            if (c == '/')
                slashes++;
        var candidates = new List<FilePattern>();
        index.Collect(path, candidates);

        List<int>? excluded = null;
        foreach (var p in candidates)
            if (p.Field.Letter == 'X' && p.Matches(path, slashes))
                (excluded ??= []).Add(p.SectionIndex);

        // Per section, the matching line that comes last in the file decides the depth.
        var hits = new List<(int Section, int Ordinal, int Depth)>();
        foreach (var p in candidates)
            if (p.Field.Letter == 'F' && !(excluded?.Contains(p.SectionIndex) ?? false) && p.Matches(path, slashes))
                hits.Add((p.SectionIndex, p.Field.Ordinal, p.Depth));
        // Most paths match no N: line: a literal every match needs rules most regexes out without running them.
        foreach (var n in names)
            if (!(excluded?.Contains(n.SectionIndex) ?? false) && n.Matches(path))
                hits.Add((n.SectionIndex, n.Field.Ordinal, 0));
        if (hits.Count == 0)
            return [];

        hits.Sort((a, b) => a.Section != b.Section ? a.Section.CompareTo(b.Section) : a.Ordinal.CompareTo(b.Ordinal));
        var result = new List<(int Section, int Depth)>();
        for (int i = 0; i < hits.Count; i++)
            if (i + 1 == hits.Count || hits[i + 1].Section != hits[i].Section)
                result.Add((hits[i].Section, hits[i].Depth));
        result.Sort((a, b) => a.Depth != b.Depth ? b.Depth.CompareTo(a.Depth) : a.Section.CompareTo(b.Section));
        return [.. result.Select(r => new SectionMatch(Sections[r.Section], r.Depth))];
    }
}
