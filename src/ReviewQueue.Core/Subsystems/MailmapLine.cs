namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// One .mailmap line (comment cut, trimmed) read as the first of git-shortlog's four forms it fits, with the same
/// groups as get_maintainer.pl's regexes would give:
/// <c>^([^&lt;]+)&lt;([^&gt;]+)&gt;$</c>, <c>^&lt;([^&gt;]+)&gt;\s*&lt;([^&gt;]+)&gt;$</c>,
/// <c>^(.+)&lt;([^&gt;]+)&gt;\s*&lt;([^&gt;]+)&gt;$</c> and <c>^(.+)&lt;([^&gt;]+)&gt;\s*(.+)\s*&lt;([^&gt;]+)&gt;$</c>.
/// Read by hand because building those regexes was most of a cold start's mailmap time; the greedy choices are
/// spelled out below (the unit tests hold this reading against the regexes on every short line).
/// </summary>
readonly record struct MailmapLine(MailmapLine.Form Kind, string A = "", string B = "", string C = "", string D = "")
{
    public enum Form { None, NameOnly, AddressOnly, NameForAddress, NameForNameAndAddress }

    public static MailmapLine Read(string line)
    {
        var s = line.AsSpan();
        int n = s.Length;
        if (n < 3 || s[n - 1] != '>')
            return default; // every form ends with ">"

        // Name <address>: the name runs to the first "<".
        int first = s.IndexOf('<');
        if (first >= 1 && IsLastAddress(s, first))
            return new(Form.NameOnly, line[..first], line[(first + 1)..(n - 1)]);

        // <address> <address>
        if (s[0] == '<')
        {
            int close = s[1..].IndexOf('>') + 1;
            int next = close >= 2 ? SkipSpace(s, close + 1) : n;
            if (next < n && IsLastAddress(s, next))
                return new(Form.AddressOnly, line[1..close], line[(next + 1)..(n - 1)]);
        }

        // Name <address> <address>: the greedy (.+) leaves the last "<" that lets the rest match.
        for (int open = s.LastIndexOf('<'); open >= 1; open = s[..open].LastIndexOf('<'))
        {
            int close = FirstAddressEnd(s, open);
            if (close < 0)
                continue;
            int next = SkipSpace(s, close + 1);
            if (next < n && IsLastAddress(s, next))
                return new(Form.NameForAddress, line[..open], line[(open + 1)..close], line[(next + 1)..(n - 1)]);
        }

        // Name <address> Name <address>: the last address starts at the last "<" that can start it; the second
        // name is what lies between, after the blanks the greedy \s* takes.
        int last = s.LastIndexOf('<');
        while (last >= 0 && !IsLastAddress(s, last))
            last = s[..last].LastIndexOf('<');
        if (last < 0)
            return default;
        for (int open = s.LastIndexOf('<'); open >= 1; open = s[..open].LastIndexOf('<'))
        {
            int close = FirstAddressEnd(s, open);
            if (close < 0)
                continue;
            int name = SkipSpace(s, close + 1);
            if (last > name)
                return new(Form.NameForNameAndAddress, line[..open], line[(open + 1)..close], line[name..last], line[(last + 1)..(n - 1)]);
        }
        return default;
    }

    /// <summary>True when "&lt;([^&gt;]+)&gt;$" matches at <paramref name="open"/>.</summary>
    static bool IsLastAddress(ReadOnlySpan<char> s, int open) =>
        s[open] == '<' && open + 1 < s.Length - 1 && !s[(open + 1)..^1].Contains('>') && s[^1] == '>';

    /// <summary>Where "&lt;([^&gt;]+)&gt;" started at <paramref name="open"/> ends (its "&gt;"), or -1.</summary>
    static int FirstAddressEnd(ReadOnlySpan<char> s, int open)
    {
        int close = s[(open + 1)..].IndexOf('>');
        return close >= 1 ? open + 1 + close : -1;
    }

    static int SkipSpace(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i]))
            i++;
        return i;
    }
}
