using System.Runtime;

namespace ReviewQueue;

/// <summary>
/// Multi-core JIT (<see cref="ProfileOptimization"/>): each command records which methods the JIT compiled,
/// and the next run of that command compiles them on an idle core before they are first called, instead of
/// on the thread that calls them (README, "Benchmarks": a fresh `import` of hwmon in about 0.9 of the time).
/// <para>
/// The runtime writes a profile in place when the process ends, and on Linux two processes ending together
/// tear a shared file, which can crash the next start (dotnet/runtime#121977). So each process plays a
/// private copy in a directory of its own, and records into it; a later start moves a finished run's profile
/// over the shared one with a rename, which readers see whole or not at all.
/// </para>
/// The profiles live in $XDG_CACHE_HOME/reviewqueue/jit (~/.cache/reviewqueue/jit); REVIEWQUEUE_JIT_PROFILES
/// names another directory, or turns them off when empty. A profile that does not match the installed
/// program (after an update) is not used, and the run records a new one.
/// </summary>
public static class JitProfile
{
    public const string Variable = "REVIEWQUEUE_JIT_PROFILES";
    const string Extension = ".jitprofile";
    const string RunPrefix = "run-";

    /// <summary>Starts recording <paramref name="command"/>'s profile, playing the last one; false when profiles are off or cannot be kept.</summary>
    public static bool Start(string command)
    {
        if (Directory() is not { } directory)
            return false;
        try
        {
            System.IO.Directory.CreateDirectory(directory);
            PublishFinished(directory);
            var mine = System.IO.Directory.CreateDirectory(Path.Combine(directory, $"{RunPrefix}{Environment.ProcessId}-{Guid.NewGuid():N}")).FullName;
            var shared = Path.Combine(directory, command + Extension);
            if (File.Exists(shared))
                File.Copy(shared, Path.Combine(mine, command + Extension));
            ProfileOptimization.SetProfileRoot(mine);
            ProfileOptimization.StartProfile(command + Extension);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // no cache to keep them in: the command runs as it would without
        }
    }

    /// <summary>
    /// The profiles of runs whose process has ended, each moved over its command's shared profile; their
    /// directories removed. A run still going (its process id alive) is left alone.
    /// </summary>
    static void PublishFinished(string directory)
    {
        foreach (var run in System.IO.Directory.EnumerateDirectories(directory, RunPrefix + "*"))
        {
            if (!int.TryParse(Path.GetFileName(run)[RunPrefix.Length..].Split('-')[0], out int pid) || IsAlive(pid))
                continue;
            try
            {
                foreach (var profile in System.IO.Directory.EnumerateFiles(run, "*" + Extension))
                    if (new FileInfo(profile).Length > 0)
                        File.Move(profile, Path.Combine(directory, Path.GetFileName(profile)), overwrite: true);
                System.IO.Directory.Delete(run, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another start is publishing the same run.
            }
        }
    }

    static bool IsAlive(int pid)
    {
        if (OperatingSystem.IsLinux())
            return System.IO.Directory.Exists($"/proc/{pid}");
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The directory the profiles are kept in, or null when they are turned off or no home is known.</summary>
    public static string? Directory()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { } chosen)
            return chosen.Length == 0 ? null : chosen;
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        if (string.IsNullOrEmpty(cache) || !Path.IsPathRooted(cache))
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home))
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
