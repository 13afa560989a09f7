using ReviewQueue.Core.Ingest;
using ReviewQueue.Git.PublicInbox;
using ReviewQueue.Mail.Sources;

namespace ReviewQueue.Import;

/// <summary>One thing to import from: an mbox or .eml file, a maildir, a public-inbox epoch or inbox, or stdin.</summary>
public sealed class MailSource
{
    public required string Path { get; init; }
    public required Func<string> Format { get; init; }
    public required IEnumerable<RawMail> Mails { get; init; }
    /// <summary>Total work units (bytes or messages) and how many are done, for a progress bar; 0 when not known (a pipe).</summary>
    public required long Total { get; init; }
    public required Func<long> Done { get; init; }
    /// <summary>Messages left out because their archive removed them (public-inbox "d" commits).</summary>
    public Func<int> Removed { get; init; } = () => 0;
    /// <summary>Messages an earlier import read already (public-inbox epochs read from where it stopped).</summary>
    public Func<int> ReadBefore { get; init; } = () => 0;
    /// <summary>The public-inbox epochs read, if this source is an epoch or an inbox of them.</summary>
    public IReadOnlyList<PublicInboxEpoch> Epochs { get; init; } = [];

    /// <param name="readUpTo">Where earlier imports into this ledger stopped in each public-inbox epoch (by its first commit).</param>
    public static MailSource Open(string path, Stream? stdin = null, Func<string, string?>? readUpTo = null)
    {
        if (path == "-")
        {
            // A mail larger than a mail may be is kept as its start and size (RawMail.TooLarge), not read whole.
            var mail = RawMail.Read(stdin ?? Console.OpenStandardInput(), "stdin");
            return new MailSource
            {
                Path = "stdin", Format = () => "message", Total = 1, Done = () => 1,
                Mails = [mail],
            };
        }
        if (Directory.Exists(path))
        {
            if (MaildirReader.IsMaildir(path))
            {
                int done = 0;
                var files = MaildirReader.Files(path).Count();
                return new MailSource
                {
                    Path = path, Format = () => "maildir", Total = files, Done = () => done,
                    Mails = MaildirReader.Read(path).Select(m => { done++; return m; }),
                };
            }
            var look = PublicInboxReader.Open(path, readUpTo);
            if (look is { Shape: EpochShape.Epoch, Epoch: { } epoch })
                return FromEpochs(path, [epoch]);
            if (look.Shape == EpochShape.NotAnEpoch)
                throw new ImportProblem($"{path}: {look.Problem}");
            // A v2 inbox as it is mirrored: its epochs, each checked as if given on its own.
            if (PublicInboxReader.EpochsOf(path) is { } epochPaths)
            {
                var epochs = epochPaths.Select(p => PublicInboxReader.Open(p, readUpTo) switch
                {
                    { Shape: EpochShape.Epoch, Epoch: { } e } => e,
                    var other => throw new ImportProblem($"{p}: {other.Problem ?? "not a git repository"}"),
                }).ToList();
                return FromEpochs(path, epochs);
            }
            throw new ImportProblem($"{path}: a directory that is neither a maildir (cur/, new/) nor a public-inbox epoch (git repository) " +
                "or inbox (git/0.git, git/1.git, …)");
        }
        if (!File.Exists(path))
            throw new ImportProblem($"{path}: no such file or directory");
        // A pipe has no length (0): its progress is shown without an end.
        var length = new FileInfo(path).Length;
        var file = new LazyFileStream(path);
        switch (CompressedFile.Of(file))
        {
            case null:
                var reader = new MboxReader(file, path);
                return new MailSource
                {
                    Path = path, Format = () => reader.Format, Total = length, Done = () => reader.Position,
                    Mails = reader.Read(),
                };
            case ("gzip", _):
                // Progress counts the compressed bytes read, as the file's length does.
                var gzip = new GzipCheckedStream(file, path);
                var unzipped = new MboxReader(gzip, path);
                return new MailSource
                {
                    Path = path, Format = () => unzipped.Format + ", gzip", Total = length, Done = () => file.Consumed,
                    Mails = KeepDamage(unzipped.Read(), gzip, path),
                };
            case var (name, command):
                throw new ImportProblem($"{path}: compressed with {name}; give the import what it holds through a pipe instead: " +
                    $"<({command} {ShellWord(path)})");
        }
    }

    static MailSource FromEpochs(string path, IReadOnlyList<PublicInboxEpoch> epochs) => new()
    {
        Path = path, Format = () => "public-inbox", Total = Math.Max(1, epochs.Sum(e => e.Messages)), Done = () => epochs.Sum(e => e.Done),
        Mails = epochs.SelectMany(e => e.Read()), Epochs = epochs, Removed = () => epochs.Sum(e => e.Removed),
        ReadBefore = () => epochs.Sum(e => e.ReadBefore),
    };

    /// <summary>
    /// A damaged or cut gzip file: the message it broke off in (the last one read) is kept as rejected, saying so,
    /// or an empty one when it broke off before any message.
    /// </summary>
    static IEnumerable<RawMail> KeepDamage(IEnumerable<RawMail> mails, GzipCheckedStream gzip, string path)
    {
        RawMail? last = null;
        foreach (var mail in mails)
        {
            if (last is not null)
                yield return last;
            last = mail;
        }
        if (gzip.Damage is { } damage)
            yield return (last ?? new RawMail([], path)) with { Damage = new MailProblem(MailProblem.DamagedSource, damage) };
        else if (last is not null)
            yield return last;
    }

    /// <summary>A path as a shell reads it back: in single quotes unless it is plain.</summary>
    static string ShellWord(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+,:@%".Contains(c)) ? path : "'" + path.Replace("'", "'\\''") + "'";
}

/// <summary>A path that cannot be imported, said plainly.</summary>
public sealed class ImportProblem(string message) : Exception(message);
