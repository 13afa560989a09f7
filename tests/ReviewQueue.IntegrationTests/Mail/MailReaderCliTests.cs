using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Mail;

/// <summary>The mail reader through the real program: <c>inspect</c>, and <c>import</c> storing kind and record.</summary>
public sealed class MailReaderCliTests : IDisposable
{
    readonly TempDir dir = new("rq-cli");

    static RunResult Reviewqueue(string workDir, params string[] args) =>
        Run.Program("dotnet", [Path.Combine(AppContext.BaseDirectory, "reviewqueue.dll"), .. args], workDir);

    /// <summary>A two-patch series with a cover letter and a reply, from a repository built here.</summary>
    string SeriesMbox()
    {
        var repo = dir.File("repo");
        Directory.CreateDirectory(repo);
        Run.Git(repo, "init", "-q", "-b", "main");
        File.WriteAllText(Path.Combine(repo, "a.c"), "int a;\n");
        Run.Git(repo, "add", "-A");
        Run.Git(repo, "commit", "-q", "-m", "base");
        File.AppendAllText(Path.Combine(repo, "a.c"), "int b;\n");
        Run.Git(repo, "commit", "-q", "-am", "a: add b\n\nSigned-off-by: Ada Author <ada@example.org>");
        Run.Git(repo, "mv", "a.c", "c.c");
        Run.Git(repo, "commit", "-q", "-m", "a: rename to c");
        var series = Run.Git(repo, "format-patch", "--stdout", "--cover-letter", "-v2", "--thread", "-M", "HEAD~2").Stdout;
        const string reply = """
            From nobody Mon Sep 17 00:00:00 2001
            From: Rita Reviewer <rita@example.org>
            Subject: Re: [PATCH v2 1/2] a: add b
            Date: Tue, 3 Sep 2024 09:00:00 +0000
            Message-ID: <reply-1@example.org>
            In-Reply-To: <not-in-this-file@example.org>

            Reviewed-by: Rita Reviewer <rita@example.org>

            """;
        var mbox = dir.File("series.mbox");
        File.WriteAllText(mbox, series + reply);
        return mbox;
    }

    [Fact]
    public void InspectPrintsOneSnakeCaseRecordPerMessage()
    {
        var result = Reviewqueue(dir.Path, "inspect", "--json", SeriesMbox());
        Assert.True(result.ExitCode == 0, result.Stderr);
        var records = JsonDocument.Parse(result.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["cover", "patch", "patch", "reply"], records.Select(r => r.GetProperty("kind").GetString()));
        var rename = records[2];
        Assert.Equal(["a.c", "c.c"], rename.GetProperty("files").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(2, rename.GetProperty("subject").GetProperty("version").GetInt32());
        Assert.Equal(2, rename.GetProperty("subject").GetProperty("index").GetInt32());
        Assert.Equal(40, rename.GetProperty("patch_id").GetString()!.Length);
        Assert.Equal("Reviewed-by", records[3].GetProperty("trailers")[0].GetProperty("name").GetString());

        var text = Reviewqueue(dir.Path, "inspect", dir.File("series.mbox"));
        Assert.Contains("patch-id:", text.Stdout);
        // A count's noun agrees with it: patch 1 changes one file.
        Assert.Contains("  files: a.c  (1 file, +1 -0)\n", text.Stdout);
        Assert.DoesNotMatch(@"\b1 [a-z]+s\b", text.Stdout);
    }

    [Fact]
    public void ImportStoresTheKindAndTheReadersRecord()
    {
        var db = dir.File("ledger.db");
        var import = Reviewqueue(dir.Path, "--db", db, "import", "--json", SeriesMbox());
        Assert.True(import.ExitCode == 0, import.Stderr + import.Stdout);
        using var connection = new SqliteConnection($"Data Source={db}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, parsed FROM messages ORDER BY id";
        using var reader = command.ExecuteReader();
        var kinds = new List<string>();
        while (reader.Read())
        {
            kinds.Add(reader.GetString(0));
            var parsed = JsonDocument.Parse(reader.GetString(1)).RootElement;
            Assert.Equal(reader.GetString(0), parsed.GetProperty("kind").GetString());
        }
        Assert.Equal(["cover", "patch", "patch", "reply"], kinds);
    }

    public void Dispose() => dir.Dispose();
}
