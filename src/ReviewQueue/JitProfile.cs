using System.Runtime;
using ReviewQueue.Storage;

namespace ReviewQueue;

/// <summary>
/// Multi-core JIT (<see cref="ProfileOptimization"/>): each command records which methods the JIT compiled,
/// and the next run of that command compiles them on an idle core before they are first called, instead of
/// on the thread that calls them (src/ReviewQueue.Benchmarks/README.md: a whole `import` of hwmon in 0.94 of the time,
/// `series --json` in 0.89).
/// <para>
/// The runtime writes a profile in place when the process ends, and on Linux two processes ending together
/// tear a shared file, which can crash the next start (dotnet/runtime#121977). So each run records in a
/// folder of its own, locked while its process lives; the runtime reads the profile it plays whole when
/// the profile starts, so the run's copy of it is removed at once, and whatever file the folder holds later
/// is one the runtime wrote as the process ended. A later start, finding the folder unlocked, moves that
/// file over the shared profile with a rename, which readers see whole or not at all.
/// </para>
/// The profiles live in $XDG_CACHE_HOME/reviewqueue/jit (~/.cache/reviewqueue/jit); REVIEWQUEUE_JIT_PROFILES
/// names another folder, or turns them off when empty. A profile that does not match the installed program
/// (after an update) is not used, and the run records a new one. Nothing here may stop a command: without a
/// cache it runs as it would without profiles.
/// </summary>
public static class JitProfile
{
    public const string Variable = "REVIEWQUEUE_JIT_PROFILES";
    const string Extension = ".jitprofile";
    const string RunPrefix = "run-", StartingPrefix = "starting-";

    /// <summary>A start is named a run a moment after its folder is made; one older than this was cut short (a crash, a kill).</summary>
    static readonly TimeSpan Abandoned = TimeSpan.FromMinutes(10);
    const string LockName = "lock";

    /// <summary>This run's lock, held for the life of the process (the OS releases it however the process ends).</summary>
    static FileStream? held;

    /// <summary>Starts recording <paramref name="command"/>'s profile, playing the last one; false when profiles are off or cannot be kept.</summary>
    public static bool Start(string command)
    {
        try
        {
            if (Folder() is not { } directory)
                return false;
            Directory.CreateDirectory(directory);
            PublishFinished(directory);
            // Locked before it is named as a run, so no other start takes it for a finished one.
            var id = Guid.NewGuid().ToString("N");
            var starting = Directory.CreateDirectory(Path.Combine(directory, StartingPrefix + id)).FullName;
            if (LockFile.TryTake(Path.Combine(starting, LockName)) is not { } runLock)
            {
                Directory.Delete(starting, recursive: true);
                return false;
            }
            held = runLock;
            var run = Path.Combine(directory, RunPrefix + id);
            Directory.Move(starting, run);
            var name = command + Extension;
            var shared = Path.Combine(directory, name);
            var copy = Path.Combine(run, name);
            if (File.Exists(shared))
            {
                // Under another name first: a copy cut short (a full disk) is never taken for a recorded profile.
                File.Copy(shared, copy + ".copying");
                File.Move(copy + ".copying", copy);
            }
            ProfileOptimization.SetProfileRoot(run);
            ProfileOptimization.StartProfile(name);
            File.Delete(copy);
            return true;
        }
        catch (Exception)
        {
            return false; // a cache that cannot be kept: the command runs as it would without
        }
    }

    /// <summary>
    /// The profiles of runs whose process has ended (their folder's lock free), oldest first, each moved over its
    /// command's shared profile, so the newest wins; their folders removed, and those of abandoned starts. A run still
    /// going is left alone.
    /// </summary>
    static void PublishFinished(string directory)
    {
        var finished = new List<(string Run, FileStream Lock)>();
        try
        {
            foreach (var run in Directory.EnumerateDirectories(directory, RunPrefix + "*"))
                if (LockFile.TryTake(Path.Combine(run, LockName)) is { } free)
                    finished.Add((run, free));
            // A start cut short between making its folder and naming it a run recorded nothing: removed once abandoned.
            foreach (var start in Directory.EnumerateDirectories(directory, StartingPrefix + "*"))
                if (DateTime.UtcNow - Directory.GetLastWriteTimeUtc(start) > Abandoned && LockFile.TryTake(Path.Combine(start, LockName)) is { } free)
                    finished.Add((start, free));
            var profiles = finished
                .SelectMany(f => Directory.EnumerateFiles(f.Run, "*" + Extension))
                .Select(p => new FileInfo(p))
                .Where(p => p.Length > 0)
                .OrderBy(p => p.LastWriteTimeUtc);
            foreach (var profile in profiles)
                profile.MoveTo(Path.Combine(directory, profile.Name), overwrite: true);
        }
        finally
        {
            foreach (var (run, free) in finished)
            {
                free.Dispose();
                try
                {
                    Directory.Delete(run, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Another start is tidying the same run.
                }
            }
        }
    }

    /// <summary>The folder the profiles are kept in, or null when they are turned off or no home is known.</summary>
    public static string? Folder()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { } chosen)
            return chosen.Length == 0 ? null : Path.GetFullPath(chosen);
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache) || !Path.IsPathRooted(cache))
        {
            // The XDG rule: a relative path in these variables is ignored.
            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home) || !Path.IsPathRooted(home))
                return null;
            cache = Path.Combine(home, ".cache");
        }
        return Path.Combine(cache, "reviewqueue", "jit");
    }

    /// <summary>The command a command line runs (its first word that names one), so each keeps its own profile.</summary>
    public static string CommandOf(IEnumerable<string> commands, string[] args)
    {
        var names = commands.ToHashSet(StringComparer.Ordinal);
        return args.FirstOrDefault(names.Contains) ?? "reviewqueue";
    }
}
