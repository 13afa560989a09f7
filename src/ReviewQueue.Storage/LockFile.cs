namespace ReviewQueue.Storage;

/// <summary>
/// A file opened with an exclusive advisory lock (.NET takes one for FileShare.None), held until it is disposed or
/// its process ends, however it ends. The service lock, the rebuild lock and each command's JIT profile run are such
/// files.
/// </summary>
public static class LockFile
{
    /// <summary>The file, created if need be and locked; null while another holder has it.</summary>
    public static FileStream? TryTake(string path)
    {
        try
        {
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }
}
