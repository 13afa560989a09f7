using System.Text;
using ReviewQueue.Core.Mail;

namespace ReviewQueue.Core.Tests.Mail;

/// <summary>Every hard case of patch mail, as git format-patch writes it, read like git does.</summary>
public sealed class FormatPatchTests(FormatPatchRepository repo) : IClassFixture<FormatPatchRepository>
{
    public static TheoryData<string> Variants => ["inline", "attach", "inline-attachment", "qp", "base64"];

    static string[] Options(string variant) => variant switch
    {
        "attach" => ["--attach"],
        "inline-attachment" => ["--inline"],
        "qp" => ["--encode-email-headers", "--add-header=X-Variant: qp"],
        _ => [],
    };

    byte[] Mail(string commit, string variant)
    {
        var mail = repo.FormatPatch(commit, Options(variant));
        return variant switch
        {
            "qp" => Reencode(mail, "quoted-printable"),
            "base64" => Reencode(mail, "base64"),
            _ => mail,
        };
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void MessagePatchAndInfoEqualGitMailinfo(string variant)
    {
        foreach (var commit in repo.Commits)
        {
            var mail = Mail(commit, variant);
            using var tmp = new TestSupport.TempDir("rq-mi");
            var info = repo.GitWithInput(mail, "mailinfo", "-u", tmp.File("msg"), tmp.File("patch"));
            var ours = MailInfo.Run(mail);
            Assert.Equal(Encoding.UTF8.GetString(File.ReadAllBytes(tmp.File("msg"))), Encoding.UTF8.GetString(ours.Message));
            Assert.Equal(File.ReadAllBytes(tmp.File("patch")), ours.Patch);
            Assert.Equal(info.Stdout, Encoding.UTF8.GetString(ours.Info()));
        }
    }

    [Fact]
    public void PatchIdEqualsGitPatchIdStableForEveryKindOfChange()
    {
        foreach (var commit in repo.Commits)
        {
            var show = repo.Git("show", "--binary", "-M", "-C", "--find-copies-harder", "--format=", commit).StdoutBytes;
            var expected = repo.GitWithInput(show, "patch-id", "--stable").Stdout.Split(' ')[0].Trim();
            Assert.Equal(expected.Length == 0 ? null : expected, PatchId.Compute(show));

            var fromMail = MailInfo.Run(repo.FormatPatch(commit)).Patch;
            var expectedFromMail = repo.GitWithInput(fromMail, "patch-id", "--stable").Stdout.Split(' ')[0].Trim();
            Assert.Equal(expectedFromMail.Length == 0 ? null : expectedFromMail, PatchId.Compute(fromMail));
        }
    }

    [Fact]
    public void FilesAndDiffstatEqualGitNumstat()
    {
        foreach (var commit in repo.Commits)
        {
            var read = MailReader.Read(repo.FormatPatch(commit), null);
            var mail = Assert.IsType<PatchMail>(read.Mail);
            var (paths, insertions, deletions, files) = Numstat(commit);
            Assert.Equal(paths.Order(), mail.Files.Order());
            Assert.Equal(new DiffStat(files, insertions, deletions), mail.DiffStat);
            Assert.Equal(MailKind.Patch, mail.Kind);
        }
    }

    [Fact]
    public void RenamesCopiesModesBinariesAndEmptyFilesAreNamed()
    {
        var changes = repo.Commits.SelectMany(c => MailReader.Read(repo.FormatPatch(c), null).Mail!.Changes).ToList();
        Assert.Contains(changes, c => c is { Change: ChangeType.Renamed, OldPath: "drivers/hwmon/old-name.c", NewPath: "drivers/hwmon/new-name.c", Insertions: 1 });
        Assert.Contains(changes, c => c is { Change: ChangeType.Renamed, OldPath: "drivers/hwmon/moved.c", NewPath: "drivers/hwmon/sub/moved.c", Insertions: 0 });
        Assert.Contains(changes, c => c is { Change: ChangeType.Copied, NewPath: "drivers/hwmon/copy.c" });
        Assert.Contains(changes, c => c is { Binary: true, Change: ChangeType.Added, NewPath: "firmware/new.bin" });
        Assert.Contains(changes, c => c is { Binary: true, Change: ChangeType.Modified, NewPath: "firmware/blob.bin" });
        Assert.Contains(changes, c => c is { OldMode: "100644", NewMode: "100755", NewPath: "scripts/check.sh" });
        Assert.Contains(changes, c => c is { Change: ChangeType.Added, NewPath: "docs/empty.txt", NewMode: "100644" });
        Assert.Contains(changes, c => c is { Change: ChangeType.Deleted, OldPath: "docs/gone.txt", NewPath: null });
    }

    [Fact]
    public void NonAsciiAuthorsAndLongFoldedSubjectsSurvive()
    {
        var mail = MailReader.Read(repo.FormatPatch(repo.Commits[^1]), null).Mail!;
        Assert.Equal("Jörg Ærøskøbing-Ünicode", mail.Author.Name);
        Assert.Equal("joerg@example.org", mail.Author.Email);
        Assert.StartsWith("hwmon: (lm75) a very long subject line", mail.Subject.Title);
        Assert.EndsWith("because it is long", mail.CommitSubject);
        Assert.Contains("日本語", mail.CommitMessage);
        Assert.Equal(["Signed-off-by"], mail.Trailers.Select(t => t.Name));
    }

    [Fact]
    public void CrlfMailsReadLikeGitAm()
    {
        var mail = repo.FormatPatch(repo.Commits[0]);
        var crlf = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(mail).Replace("\n", "\r\n"));
        var lf = MailReader.Read(mail, null).Mail!;
        var dos = MailReader.Read(crlf, null).Mail!;
        Assert.Equal(lf.CommitMessage, dos.CommitMessage);
        Assert.Equal(lf.Diff, dos.Diff);
        Assert.Equal(lf.PatchId, dos.PatchId);
        Assert.Equal(["Reviewed-by", "Signed-off-by"], dos.Trailers.Select(t => t.Name));
    }

    (List<string> Paths, int Insertions, int Deletions, int Files) Numstat(string commit)
    {
        var fields = repo.Git("show", "--numstat", "-z", "-M", "-C", "--find-copies-harder", "--format=", commit).Stdout.Split('\0');
        var paths = new List<string>();
        int insertions = 0, deletions = 0, files = 0;
        for (int i = 0; i < fields.Length; i++)
        {
            var f = fields[i].TrimStart('\n');
            if (f.Length == 0)
                continue;
            var parts = f.Split('\t');
            files++;
            if (int.TryParse(parts[0], out var ins)) insertions += ins;
            if (int.TryParse(parts[1], out var del)) deletions += del;
            if (parts[2].Length > 0)
                paths.Add(parts[2]);
            else
            {
                paths.Add(fields[++i]);
                paths.Add(fields[++i]);
            }
        }
        return (paths.Distinct().ToList(), insertions, deletions, files);
    }

    /// <summary>The same mail with its body in another transfer encoding (as some mailers send it).</summary>
    static byte[] Reencode(byte[] mail, string encoding)
    {
        var message = MimeKit.MimeMessage.Load(new MemoryStream(mail));
        foreach (var part in message.BodyParts.OfType<MimeKit.MimePart>())
            part.ContentTransferEncoding = encoding == "base64" ? MimeKit.ContentEncoding.Base64 : MimeKit.ContentEncoding.QuotedPrintable;
        using var stream = new MemoryStream();
        var options = MimeKit.FormatOptions.Default.Clone();
        options.NewLineFormat = MimeKit.NewLineFormat.Unix;
        message.WriteTo(options, stream);
        return stream.ToArray();
    }
}
