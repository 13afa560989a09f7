namespace ReviewQueue.Import;

/// <summary>
/// Mail archives are often kept compressed (an .mbox.gz, pipermail's 2024-July.txt.gz). Read as they are, their bytes
/// would make one unreadable "message"; gzip is read through, the other common ones are named by their magic bytes.
/// </summary>
static class CompressedFile
{
    static readonly (string Name, byte[] Magic, string Command)[] Kinds =
    [
        ("gzip", [.. GzipInput.Magic], "gzip -dc"),
        ("xz", [0xFD, (byte)'7', (byte)'z', (byte)'X', (byte)'Z', 0x00], "xz -dc"),
        ("bzip2", [(byte)'B', (byte)'Z', (byte)'h'], "bzip2 -dc"),
        ("zstd", [0x28, 0xB5, 0x2F, 0xFD], "zstd -dc"),
    ];

    /// <summary>The compression the file starts with, and the command that writes out what it holds; null for a plain file.</summary>
    public static (string Name, string Command)? Of(LazyFileStream file)
    {
        var head = file.Head(6);
        foreach (var (name, magic, command) in Kinds)
            if (head.StartsWith(magic))
                return (name, command);
        return null;
    }
}
