using System.Diagnostics;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests;

/// <summary>The built reviewqueue binary (copied beside this test assembly), run as a real child process.</summary>
public static class ReviewQueueProgram
{
    public static string Dll { get; } = Path.Combine(AppContext.BaseDirectory, "reviewqueue.dll");

    public static RunResult Run(IEnumerable<string> args, byte[]? stdin = null,
        IDictionary<string, string>? env = null, string? workDir = null) =>
        TestSupport.Run.Program("dotnet", [Dll, .. args], workDir ?? Path.GetTempPath(), stdin, Quiet(env));

    /// <summary>Starts it without waiting, for tests that kill it part-way.</summary>
    public static Process Start(IEnumerable<string> args, IDictionary<string, string>? env = null)
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        TestSupport.Run.Apply(psi, Quiet(env));
        var p = Process.Start(psi)!;
        // Drain the pipes so the child never blocks on a full one.
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    static Dictionary<string, string> Quiet(IDictionary<string, string>? env)
    {
        var all = new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1" };
        if (env is not null)
            foreach (var (k, v) in env)
                all[k] = v;
        return all;
    }
}
