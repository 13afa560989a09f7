namespace ReviewQueue.Core.Mail;

/// <summary>
/// A .mailmap as git reads and applies it (mailmap.c: `git check-mailmap`, shortlog, log's %aN and %aE): who a name and
/// address written in mail are. get_maintainer.pl reads the same file by other rules (Subsystems.Mailmap); this one
/// decides who is one person when people are counted.
/// </summary>
/// <remarks>
/// git's rules, kept here to the letter: a line starting with '#' is a comment (a '#' further on is not, but what
/// follows a line's second address is ignored anyway); a line's first "&lt;…&gt;" is the proper address (never empty),
/// a second one the address as written in mail, the blank-trimmed text before each the name. Addresses and names match
/// whatever their ASCII case (strcasecmp); an entry for a name and address comes before the address's own entry, and an
/// address with entries for other names only is not mapped. Entries for one address without a name add up (a name from
/// one line, an address from another); for one name and address the last line wins. The mapping is applied once.
/// </remarks>
public sealed class GitMailmap
{
    sealed record Info(string? Name, string? Email);

    sealed class Entry
    {
        public string? Name, Email;
        public Dictionary<string, Info>? ByName;
    }

    readonly Lazy<Dictionary<string, Entry>> entries;

    public static GitMailmap Empty { get; } = new("");

    readonly Lazy<string> signature;

    /// <summary>The file's text hashed: another value, other people may be one. Empty for no mailmap.</summary>
    public string Signature => signature.Value;

    GitMailmap(string text)
    {
        entries = new(() => Read(text));
        signature = new(() => text.Length == 0 ? ""
            : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))));
    }

    /// <summary>The lines are read on first use: a command that counts nobody never needs them.</summary>
    public static GitMailmap Parse(string text) => new(text);

    /// <summary>The proper name and address of someone written so; what the mailmap does not say is left as it was.</summary>
    public (string? Name, string? Email) Map(string? name, string? email)
    {
        if (email is null || !entries.Value.TryGetValue(email, out var entry))
            return (name, email);
        var info = new Info(entry.Name, entry.Email);
        if (entry.ByName is { } byName && name is not null && byName.TryGetValue(name, out var named))
            info = named;
        return (info.Name ?? name, info.Email ?? email);
    }

    /// <summary>
    /// The address someone written so is known by, which tells people apart: a name and address as mail or MAINTAINERS
    /// writes them (blanks and a name's quotes aside; a blank name is none).
    /// </summary>
    public string AddressOf(string? name, string email)
    {
        var bare = name?.Trim().Trim('"').Trim();
        return Map(string.IsNullOrEmpty(bare) ? null : bare, email.Trim()).Email!;
    }

    static Dictionary<string, Entry> Read(string text)
    {
        var map = new Dictionary<string, Entry>(AsciiCaseless.Instance);
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#'))
                continue;
            if (!NameAndAddress(line, 0, allowEmptyAddress: false, out var name1, out var email1, out int rest))
                continue;
            string? name2 = null, email2 = null;
            if (rest >= 0)
                NameAndAddress(line, rest, allowEmptyAddress: true, out name2, out email2, out _);
            Add(map, name1, email1!, name2, email2);
        }
        return map;
    }

    /// <summary>git's add_mapping: a line's proper name and address for the name (if any) and address written in mail.</summary>
    static void Add(Dictionary<string, Entry> map, string? newName, string? newEmail, string? oldName, string? oldEmail)
    {
        if (oldEmail is null)
        {
            oldEmail = newEmail!;
            newEmail = null;
        }
        if (!map.TryGetValue(oldEmail, out var entry))
            map[oldEmail] = entry = new Entry();
        if (oldName is null)
        {
            entry.Name = newName ?? entry.Name;
            entry.Email = newEmail ?? entry.Email;
        }
        else
        {
            entry.ByName ??= new Dictionary<string, Info>(AsciiCaseless.Instance);
            entry.ByName[oldName] = new Info(newName, newEmail);
        }
    }

    /// <summary>
    /// git's parse_name_and_email from <paramref name="from"/> on: the first "&lt;…&gt;" is the address, the text before it
    /// trimmed of blanks the name (null when none); <paramref name="rest"/> is where the line goes on after it, or -1.
    /// </summary>
    static bool NameAndAddress(string line, int from, bool allowEmptyAddress, out string? name, out string? email, out int rest)
    {
        name = email = null;
        rest = -1;
        int left = line.IndexOf('<', from);
        if (left < 0)
            return false;
        int right = line.IndexOf('>', left + 1);
        if (right < 0 || (!allowEmptyAddress && right == left + 1))
            return false;
        int start = from;
        while (start < left && IsSpace(line[start]))
            start++;
        int end = left - 1;
        while (end > start && IsSpace(line[end]))
            end--;
        name = start <= end ? line[start..(end + 1)] : null;
        email = line[(left + 1)..right];
        rest = right + 1 < line.Length ? right + 1 : -1;
        return true;
    }

    /// <summary>C's isspace in the C locale.</summary>
    static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\v' or '\f' or '\r';

    /// <summary>strcasecmp on UTF-8: ASCII letters fold, every other character is itself.</summary>
    sealed class AsciiCaseless : IEqualityComparer<string>
    {
        public static readonly AsciiCaseless Instance = new();

        public bool Equals(string? x, string? y)
        {
            if (x is null || y is null)
                return ReferenceEquals(x, y);
            if (x.Length != y.Length)
                return false;
            for (int i = 0; i < x.Length; i++)
                if (Fold(x[i]) != Fold(y[i]))
                    return false;
            return true;
        }

        public int GetHashCode(string s)
        {
            var hash = new HashCode();
            foreach (var c in s)
                hash.Add(Fold(c));
            return hash.ToHashCode();
        }

        static char Fold(char c) => c is >= 'A' and <= 'Z' ? (char)(c + ('a' - 'A')) : c;
    }
}
