using System.Text;
using System.Text.RegularExpressions;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Series;

/// <summary>One mail as git am takes it: git mailinfo's info (Author, Email, Subject, Date), commit message and patch.</summary>
public sealed partial record Mailinfo(string Info, string Message, string Patch)
{
    /// <summary>The separator line b4 and `reviewqueue am` start every message of a git-am mbox with.</summary>
    public const string Separator = "From git@z Thu Jan  1 00:00:00 1970\n";

    /// <summary>The messages of a git-am mbox (b4's .mbx or ours), each with its Message-Id (or null).</summary>
    public static List<(string? MessageId, byte[] Raw)> Split(byte[] mbox)
    {
        var text = Encoding.UTF8.GetString(mbox);
        var parts = text.Split(Separator);
        var messages = new List<(string?, byte[])>();
        foreach (var part in parts.Skip(1))
        {
            var head = part[..Math.Max(0, part.IndexOf("\n\n", StringComparison.Ordinal))];
            var id = MessageIdHeader().Match(head) is { Success: true } m ? m.Groups[1].Value : null;
            messages.Add((id, Encoding.UTF8.GetBytes(Separator + part)));
        }
        return messages;
    }

    /// <summary>git mailinfo (its defaults, as git am runs it) over one message.</summary>
    public static Mailinfo Of(byte[] raw, TempDir tmp)
    {
        var name = Guid.NewGuid().ToString("N");
        var msg = tmp.File(name + ".msg");
        var patch = tmp.File(name + ".patch");
        var r = Run.Program("git", ["mailinfo", msg, patch], tmp.Path, raw);
        if (r.ExitCode != 0)
            return new Mailinfo($"git mailinfo failed ({r.ExitCode}): {r.Stderr.Trim()}", "", "");
        var result = new Mailinfo(r.Stdout, File.ReadAllText(msg), File.ReadAllText(patch));
        File.Delete(msg);
        File.Delete(patch);
        return result;
    }

    /// <summary>
    /// What git am commits of this: the message after git's stripspace (trailing blanks off every line, runs of blank
    /// lines as one, none at either end) and the info lines without trailing blanks; the patch as it is.
    /// </summary>
    public Mailinfo Committed()
    {
        var lines = new List<string>();
        foreach (var line in Message.Split('\n').Select(l => l.TrimEnd(' ', '\t', '\r')))
        {
            if (line.Length == 0 && (lines.Count == 0 || lines[^1].Length == 0))
                continue;
            lines.Add(line);
        }
        while (lines.Count > 0 && lines[^1].Length == 0)
            lines.RemoveAt(lines.Count - 1);
        var message = lines.Count == 0 ? "" : string.Join('\n', lines) + "\n";
        var info = string.Join('\n', Info.Split('\n').Select(l => l.TrimEnd()));
        return this with { Message = message, Info = info };
    }

    /// <summary>The trailer block: the last paragraph of the message when every line of it is "Name: value".</summary>
    public static (string Body, IReadOnlyList<string> Trailers) TrailerBlock(string message)
    {
        var lines = message.TrimEnd('\n').Split('\n');
        int start = lines.Length;
        while (start > 0 && lines[start - 1].Length > 0 && (TrailerLine().IsMatch(lines[start - 1]) || lines[start - 1].StartsWith(' ')))
            start--;
        if (start == lines.Length || (start > 0 && lines[start - 1].Length > 0))
            return (message, []);
        return (string.Join('\n', lines[..start]), lines[start..]);
    }

    [GeneratedRegex(@"^Message-Id:\s*<([^>]+)>", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex MessageIdHeader();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]*:\s")]
    private static partial Regex TrailerLine();
}
