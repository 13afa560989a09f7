using System.Text.RegularExpressions;

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
    public IReadOnlyList<MaintainersProblem> Problems { get; }
    public IReadOnlyList<KeywordPattern> Keywords { get; }
    public GetMaintainerDialect Dialect { get; }
    readonly PrefixIndex<FilePattern> index = new();
    readonly List<(int SectionIndex, int Ordinal, SafeRegex Regex, string? Literal)> pathRegexes = [];

    SubsystemMatcher(MaintainersFile file, TreeFileList tree)
    {
        Sections = file.Sections;
        Dialect = GetMaintainerDialect.For(file);
        var problems = new List<MaintainersProblem>();
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
                            problems.Add(Problem(field, pattern.Error));
                        index.Add(pattern.LiteralPrefix, pattern);
                        break;
                    case 'N':
                        var regex = SafeRegex.TryCreate(field.Value, RegexOptions.IgnorePatternWhitespace, out var error);
                        if (regex is null)
                            problems.Add(Problem(field, error!));
                        else
                            pathRegexes.Add((s, field.Ordinal, regex, RequiredLiteral.Of(field.Value)));
                        break;
                    case 'K':
                        var keyword = new KeywordPattern(field, s);
                        if (keyword.Error is not null)
                            problems.Add(Problem(field, keyword.Error));
                        keywords.Add(keyword);
                        break;
                }
            }
        }
        Problems = problems;
        Keywords = keywords;
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
        foreach (var (section, ordinal, regex, literal) in pathRegexes)
            if ((literal is null || path.Contains(literal, StringComparison.Ordinal))
                && !(excluded?.Contains(section) ?? false) && regex.IsMatch(path))
                hits.Add((section, ordinal, 0));
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
