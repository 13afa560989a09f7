using System.Diagnostics;

namespace ReviewQueue.Benchmarks;

/// <summary>Runs git (the oracle and the yardstick; the product itself never does).</summary>
static class Shell
{
    public static (int Code, byte[] Stdout, string Stderr) Run(string file, IEnumerable<string> args, string workDir, byte[]? stdin = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workDir,
        };
        foreach (var a in args)
            psi.ArgumentList.Add(a);
        psi.Environment["GIT_AUTHOR_NAME"] = "Bench Author";
        psi.Environment["GIT_AUTHOR_EMAIL"] = "bench@example.org";
        psi.Environment["GIT_COMMITTER_NAME"] = "Bench Author";
        psi.Environment["GIT_COMMITTER_EMAIL"] = "bench@example.org";
        using var p = Process.Start(psi)!;
        var stdout = Task.Run(() =>
        {
            using var ms = new MemoryStream();
            p.StandardOutput.BaseStream.CopyTo(ms);
            return ms.ToArray();
        });
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
            p.StandardInput.BaseStream.Write(stdin);
        p.StandardInput.Close();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static string Git(string repo, params string[] args)
    {
        var (code, stdout, stderr) = Run("git", args, repo);
        if (code != 0)
            throw new InvalidOperationException($"git {string.Join(' ', args)}: {stderr}");
        return System.Text.Encoding.UTF8.GetString(stdout);
    }
}
