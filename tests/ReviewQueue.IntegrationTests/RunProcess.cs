using System.Collections.Concurrent;
using System.Diagnostics;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests;

/// <summary>`reviewqueue run` as a real child process, for the tests of the service.</summary>
public static class RunProcess
{
    /// <summary>Starts `run` on <paramref name="db"/>, its output lines going to <paramref name="output"/>.</summary>
    /// <param name="workDir">Where it runs; the repository root by default (Samples:Mail is relative to it).</param>
    public static Process Start(string db, IReadOnlyDictionary<string, string> env, string? workDir = null,
        ConcurrentQueue<string>? output = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workDir ?? RepoPaths.Root,
        };
        foreach (var a in new[] { ReviewQueueProgram.Dll, "--db", db, "run" })
            psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        TestSupport.Run.Apply(psi, env);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, e) => { if (e.Data is { } line) output?.Enqueue(line); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is { } line) output?.Enqueue(line); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    /// <summary>Up to a minute for <paramref name="done"/>, as long as `run` stays up.</summary>
    public static Task Until(Process run, Func<bool> done, IEnumerable<string>? output = null) =>
        Until(run, () => Task.FromResult(done()), output);

    /// <inheritdoc cref="Until(Process, Func{bool}, IEnumerable{string}?)"/>
    public static async Task Until(Process run, Func<Task<bool>> done, IEnumerable<string>? output = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline && !await done())
        {
            Assert.False(run.HasExited, $"reviewqueue run exited ({(run.HasExited ? run.ExitCode : 0)})" +
                (output is null ? "" : ": " + string.Join("\n", output)));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Stops `run` and waits for it.</summary>
    public static async Task StopAsync(Process run)
    {
        run.Kill(entireProcessTree: true);
        await run.WaitForExitAsync(TestContext.Current.CancellationToken);
    }
}
