using System.Net;
using System.Text.RegularExpressions;

namespace ReviewQueue.Core.Mail;

/// <summary>The text of an HTML body, enough to find trailers and request-pull lines in it.</summary>
static partial class HtmlText
{
    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex Hidden();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li|/tr|/h\d)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LineBreak();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tag();

    public static string Strip(string html)
    {
        var text = Hidden().Replace(html, "");
        text = LineBreak().Replace(text, "\n");
        text = Tag().Replace(text, "");
        return WebUtility.HtmlDecode(text);
    }
}
