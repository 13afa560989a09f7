using System.Buffers;
using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Mail;

/// <summary>
/// Lines that tools write into bodies: <c>git request-pull</c>'s text, <c>base-commit:</c>,
/// b4's <c>change-id:</c> and <c>prerequisite-*:</c>, and a diffstat summary line.
/// Quoted lines (a reply quoting a cover letter) never count.
/// </summary>
public static partial class MailBodyFields
{
    [GeneratedRegex(@"changes\s+since\s+commit\s+([0-9a-f]{7,40})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Since();

    [GeneratedRegex(@"are\s+available\s+in\s+the\s+git\s+repository\s+at:?[ \t]*\r?\n", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AvailableAt();

    [GeneratedRegex(@"fetch\s+changes\s+up\s+to\s+([0-9a-f]{7,40})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UpTo();

    [GeneratedRegex(@"^base-commit:[ \t]+([0-9a-fA-F]{7,64})\b", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex BaseCommit();

    [GeneratedRegex(@"^change-id:[ \t]+(\S+)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex ChangeId();

    [GeneratedRegex(@"^prerequisite-([a-z-]+):[ \t]+(\S.*?)[ \t]*$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex Prerequisite();

    [GeneratedRegex(@"^ ?(\d+) files? changed(?:, (\d+) insertions?\(\+\))?(?:, (\d+) deletions?\(-\))?", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DiffStatLine();

    static readonly SearchValues<string> RepositoryAt = SearchValues.Create(["repository at"], StringComparison.OrdinalIgnoreCase);

    /// <summary>The body without quoted lines and without the signature.</summary>
    public static string Unquoted(string body)
    {
        // At most the body and one more newline: one pooled buffer, one string.
        var kept = ArrayPool<char>.Shared.Rent(body.Length + 1);
        try
        {
            int length = Unquoted(body, kept, out bool whole);
            return whole ? body : new string(kept, 0, length); // a patch's body is mostly kept whole
        }
        finally
        {
            ArrayPool<char>.Shared.Return(kept);
        }
    }

    /// <param name="whole">Every line kept as it is, newline included: the result is the body.</param>
    static int Unquoted(string body, char[] kept, out bool whole)
    {
        int length = 0;
        int start = 0;
        int run = 0; // lines from here to start are kept as they are, newline included: copied in one go
        while (start < body.Length)
        {
            int nl = body.IndexOf('\n', start);
            int end = nl < 0 ? body.Length : nl;
            var line = body.AsSpan(start, end - start).TrimEnd('\r');
            if (IsSignature(line))
                break;
            bool keep = !IsQuoted(line);
            if (!keep || nl < 0 || line.Length != end - start)
            {
                body.AsSpan(run, start - run).CopyTo(kept.AsSpan(length));
                length += start - run;
                if (keep)
                {
                    line.CopyTo(kept.AsSpan(length));
                    length += line.Length;
                    kept[length++] = '\n';
                }
                run = end + 1;
            }
            start = end + 1;
        }
        whole = run == 0 && start >= body.Length;
        int rest = Math.Min(start, body.Length) - run;
        if (rest > 0)
        {
            body.AsSpan(run, rest).CopyTo(kept.AsSpan(length));
            length += rest;
        }
        return length;
    }

    /// <summary>
    /// The lines of <see cref="Unquoted(string)"/> as <c>Split('\n')</c> would give them (the last one
    /// empty), without joining them into one text first.
    /// </summary>
    public static List<string> UnquotedLines(string body)
    {
        var lines = new List<string>();
        foreach (var line in OwnLines(body))
            lines.Add(line.ToString());
        lines.Add("");
        return lines;
    }

    /// <summary>The lines the writer of a mail wrote: not quoted, above the signature, without CR; no copies made.</summary>
    public static OwnLineReader OwnLines(string body) => new(body);

    /// <summary>Walks a body's own lines (see <see cref="OwnLines"/>) as spans of it.</summary>
    public ref struct OwnLineReader(string body)
    {
        int start;

        public ReadOnlySpan<char> Current { get; private set; }

        public readonly OwnLineReader GetEnumerator() => this;

        public bool MoveNext()
        {
            while (start < body.Length)
            {
                int nl = body.IndexOf('\n', start);
                int end = nl < 0 ? body.Length : nl;
                var line = body.AsSpan(start, end - start).TrimEnd('\r');
                start = end + 1;
                if (IsSignature(line))
                {
                    start = body.Length;
                    return false;
                }
                if (!IsQuoted(line))
                {
                    Current = line;
                    return true;
                }
            }
            return false;
        }
    }

    /// <summary>
    /// The signature separator "-- ", without its line end. b4 ends a reply's trailers there only (find_trailers
    /// splits on "\n-- \n"): a bare "--", from a client that strips trailing blanks, is a line of text to it, so the
    /// lines below it are read, as b4 reads them.
    /// </summary>
    internal static bool IsSignature(ReadOnlySpan<char> line) => line is "-- ";

    internal static bool IsQuoted(ReadOnlySpan<char> line) => line.TrimStart(" \t") is ['>', ..];

    /// <summary>The request-pull text: URL and branch after "available in the Git repository at:".</summary>
    public static PullRequest? Pull(string unquoted)
    {
        if (!unquoted.AsSpan().ContainsAny(RepositoryAt))
            return null;
        var at = AvailableAt().Match(unquoted);
        if (!at.Success)
            return null;
        var tokens = new List<string>();
        foreach (var line in unquoted[(at.Index + at.Length)..].Split('\n'))
        {
            var t = line.Trim();
            if (t.Length == 0)
            {
                if (tokens.Count > 0)
                    break;
                continue;
            }
            tokens.AddRange(t.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
            if (tokens.Count >= 2)
                break;
        }
        if (tokens.Count == 0)
            return null;
        var since = Since().Match(unquoted);
        var upTo = UpTo().Match(unquoted);
        return new PullRequest(tokens[0], tokens.Count > 1 ? tokens[1] : null,
            since.Success ? since.Groups[1].Value : null, upTo.Success ? upTo.Groups[1].Value : null);
    }

    public static string? Base(string unquoted) => !unquoted.Contains("base-commit:", StringComparison.Ordinal) ? null : BaseCommit().Match(unquoted) is { Success: true } m ? m.Groups[1].Value : null;

    public static string? Change(string unquoted) => !unquoted.Contains("change-id:", StringComparison.Ordinal) ? null : ChangeId().Match(unquoted) is { Success: true } m ? m.Groups[1].Value : null;

    public static IReadOnlyList<Prerequisite> Prerequisites(string unquoted) =>
        !unquoted.Contains("prerequisite-", StringComparison.Ordinal) ? [] : Prerequisite().Matches(unquoted).Select(m => new Prerequisite(m.Groups[1].Value, m.Groups[2].Value)).ToList();

    /// <summary>" 3 files changed, 10 insertions(+), 2 deletions(-)" as numbers (a cover letter's diffstat).</summary>
    public static DiffStat? Stat(string unquoted)
    {
        if (!unquoted.Contains(" changed", StringComparison.Ordinal))
            return null;
        var m = DiffStatLine().Match(unquoted);
        if (!m.Success)
            return null;
        static int N(Group g) => g.Success && int.TryParse(g.Value, out var n) ? n : 0;
        return new DiffStat(N(m.Groups[1]), N(m.Groups[2]), N(m.Groups[3]));
    }
}
