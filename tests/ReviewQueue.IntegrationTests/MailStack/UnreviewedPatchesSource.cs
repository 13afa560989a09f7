using MimeKit;
using ReviewQueue.Core.Digest;
using ReviewQueue.Digest;
using ReviewQueue.Storage;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// A deliberately simple digest source for the end-to-end test, until the review backlog is wired:
/// every stored patch mail (subject "[PATCH…", not a reply, with a diff) that no stored reply
/// answers with a "Reviewed-by:" line, one "series" per patch, all in one subsystem "devel".
/// </summary>
public sealed class UnreviewedPatchesSource(MessageStore messages) : IDigestSource
{
    public async Task<DigestContent?> ContentForAsync(DigestSubscription s, DateTimeOffset now, CancellationToken ct)
    {
        var patches = new List<(long Id, MimeMessage Mail)>();
        var reviewed = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (id, _, raw) in messages.AllRawAsync(ct))
        {
            using var stream = new MemoryStream(raw);
            var mail = await MimeMessage.LoadAsync(stream, ct);
            var text = mail.TextBody ?? "";
            var subject = mail.Subject ?? "";
            if (mail.InReplyTo is { } parent && text.Split('\n').Any(l => l.StartsWith("Reviewed-by:", StringComparison.Ordinal)))
                reviewed.Add(parent);
            else if (subject.StartsWith("[PATCH", StringComparison.Ordinal) && text.Contains("diff --git", StringComparison.Ordinal))
                patches.Add((id, mail));
        }
        var waiting = patches.Where(p => !reviewed.Contains(p.Mail.MessageId ?? "")).Select(p => new DigestSeries(
            p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Mail.Subject ?? "", "v1", now - p.Mail.Date, 0, 1,
            p.Mail.From.ToString(), [], p.Mail.TextBody?.Contains("\nFixes: ", StringComparison.Ordinal) == true, p.Mail.MessageId ?? "")).ToList();
        return new DigestContent(s.Address, "", [new DigestSubsystem("devel", waiting)]);
    }
}
