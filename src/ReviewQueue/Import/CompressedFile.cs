namespace ReviewQueue.Import;

/// <summary>
/// Mail archives are often kept compressed (an .mbox.gz, pipermail's 2024-July.txt.gz). Read as they are, their bytes
/// would make one unreadable "message"; gzip is read through, the other common ones are named by their magic bytes.
/// </summary>
static class CompressedFile
{
    static readonly (string Name, byte[] Magic, string Command)[] Kinds =
    [
        ("gzip", [0x1F, 0x8B], "gunzip -k"),
        ("xz", [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00], "unxz -k"),
        ("bzip2", [(byte)'B', (byte)'Z', (byte)'h'], "bunzip2 -k"),
        ("zstd", [0x28, 0xB5, 0x2F, 0xFD], "unzstd"),
    ];

    /// <summary>The compression the file starts with, and the command that undoes it; null for a plain file.</summary>
    public static (string Name, string Command)? Of(string path)
    {
        Span<byte> head = stackalloc byte[6];
        int n;
        using (var file = File.OpenRead(path))
            n = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        foreach (var (name, magic, command) in Kinds)
            if (head[..n].StartsWith(magic))
                return (name, command);
        return null;
    }
}
