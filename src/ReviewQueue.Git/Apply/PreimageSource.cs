namespace ReviewQueue.Git.Apply;

/// <summary>A file as the tree holds it: its mode (octal, as git writes it) and its bytes.</summary>
public sealed record TreeFile(int Mode, byte[] Content);

/// <summary>Where a patch finds what it applies to: files by path, blobs by full id.</summary>
public interface IPreimageSource
{
    TreeFile? Find(string path);

    /// <summary>The blob with this full id, or null when the repository does not have it.</summary>
    byte[]? FindBlob(string oid);
}
