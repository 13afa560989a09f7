using System.Diagnostics;
using System.Text;

namespace ReviewQueue.TestSupport;

public sealed record RunResult(int ExitCode, string Stdout, string Stderr, byte[] StdoutBytes);

/// <summary>Runs a real program (git, b4, the reviewqueue binary) for tests.</summary>
public static class Run
{
    /// <summary>As a value in a child's environment: the variable is removed, not inherited from the test process.</summary>
    public const string Unset = "\0unset";

    /// <summary>The variables set (or, with <see cref="Unset"/>, removed) for a child.</summary>
    public static void Apply(ProcessStartInfo psi, IEnumerable<KeyValuePair<string, string>>? env)
    {
        foreach (var (k, v) in env ?? [])
            if (v == Unset)
                psi.Environment.Remove(k);
            else
                psi.Environment[k] = v;
    }

    public static RunResult Program(string file, IEnumerable<string> args, string? workDir = null,
        byte[]? stdin = null, IDictionary<string, string>? env = null, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        Apply(psi, env);
        using var p = System.Diagnostics.Process.Start(psi)!;
        var stdoutTask = Task.Run(() =>
        {
            using var ms = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(ms);
            return ms.ToArray();
        });
        var stderrTask = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
            p.StandardInput.BaseStream.Write(stdin);
        p.StandardInput.Close();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(5)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish");
        }
        var bytes = stdoutTask.Result;
        return new RunResult(p.ExitCode, Encoding.UTF8.GetString(bytes), stderrTask.Result, bytes);
    }

    /// <summary>Runs git with a fixed identity and dates so results are repeatable.</summary>
    public static RunResult Git(string repo, params string[] args) => Git(repo, null, args);

    public static RunResult Git(string repo, byte[]? stdin, params string[] args)
    {
        var env = new Dictionary<string, string>
        {
            ["GIT_AUTHOR_NAME"] = "Ada Author",
            ["GIT_AUTHOR_EMAIL"] = "ada@example.org",
            ["GIT_COMMITTER_NAME"] = "Ada Author",
            ["GIT_COMMITTER_EMAIL"] = "ada@example.org",
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["HOME"] = repo,
        };
        var r = Program("git", args, repo, stdin, env);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)} failed ({r.ExitCode}): {r.Stderr}");
        return r;
    }
}
