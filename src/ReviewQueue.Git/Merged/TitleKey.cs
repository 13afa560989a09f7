namespace ReviewQueue.Git.Merged;

/// <summary>
/// A title folded so a commit's subject line and a posted patch's subject compare: subject
/// prefixes ("[PATCH v2 3/7]", "Re:") removed, white space collapsed, lower case.
/// </summary>
public static class TitleKey
{
    public static string Of(string title)
    {
        var t = title.Trim();
        while (true)
        {
            if (t.StartsWith('['))
            {
                int close = t.IndexOf(']');
                if (close < 0)
                    break;
                t = t[(close + 1)..].TrimStart();
                continue;
            }
            break;
        }
        return string.Join(' ', t.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }
}
