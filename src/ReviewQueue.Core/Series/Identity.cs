using ReviewQueue.Core.Mail;

using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Series;

/// <summary>
/// b4's check that a follow-up trailer was given by the person who sent the mail: the addresses
/// agree (case, "+tag" and one subdomain level aside), or the names do.
/// </summary>
public static partial class Identity
{
    public static bool Matches(Trailer trailer, string fromName, string fromEmail)
    {
        if (trailer.Email is null)
            return true; // not a person trailer (Fixes:, Link:): nothing to check
        if (EmailEquals(trailer.Email, fromEmail))
            return true;
        var name = (trailer.PersonName ?? "").Trim();
        var from = string.IsNullOrWhiteSpace(fromName) ? fromEmail : fromName.Trim();
        if (name.Length > 0 && string.Equals(name, from, StringComparison.OrdinalIgnoreCase))
            return true;
        // "Last, First" in From: every part must appear in the trailer's name.
        if (from.Contains(',') && name.Length > 0)
            return from.Split(',').All(part => name.Contains(part.Trim(), StringComparison.OrdinalIgnoreCase));
        return false;
    }

    /// <summary>
    /// Whether a trailer's giver or a reply's sender (<paramref name="email"/>, <paramref name="name"/>) is the author:
    /// the same address, or the same name (an author writing from a second address).
    /// </summary>
    public static bool IsAuthor(string? email, string? name, Person author) =>
        (email is not null && author.Email is not null && EmailEquals(email, author.Email))
        || (author.Name is { Length: > 0 } n && name is not null && string.Equals(n.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase));

    public static bool EmailEquals(string a, string b)
    {
        var ours = a.Trim().ToLowerInvariant();
        var theirs = b.Trim().ToLowerInvariant();
        if (ours == theirs)
            return true;
        if (!ours.Contains('@') || !theirs.Contains('@'))
            return false;
        ours = PlusTag().Replace(ours, "@");
        theirs = PlusTag().Replace(theirs, "@");
        if (ours == theirs)
            return true;
        var (ol, od) = Split(ours);
        var (tl, td) = Split(theirs);
        if (ol != tl)
            return false;
        // foo@linux.intel.com and foo@intel.com are one person.
        return Math.Abs(od.Count(c => c == '.') - td.Count(c => c == '.')) == 1
            && (od.EndsWith("." + td, StringComparison.Ordinal) || td.EndsWith("." + od, StringComparison.Ordinal));
    }

    static (string Local, string Domain) Split(string address)
    {
        int at = address.IndexOf('@');
        return (address[..at], address[(at + 1)..]);
    }

    [GeneratedRegex(@"\+[^@]+@")]
    private static partial Regex PlusTag();
}
