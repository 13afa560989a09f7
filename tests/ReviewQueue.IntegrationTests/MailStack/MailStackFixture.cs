using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>Dovecot + Postfix (+ an mlmmj list), each in its own temp folder; stopped and removed on dispose.</summary>
public sealed class MailStackFixture : IAsyncDisposable
{
    readonly TempDir dir = new("rq-mail");
    public DovecotServer Dovecot { get; }
    public PostfixServer Postfix { get; }
    public MlmmjList? List { get; }

    MailStackFixture(string[] users, string? list, string dovecotConfig, string postfixConfig, PipeTransport[]? pipes)
    {
        Dovecot = new DovecotServer(Path.Combine(dir.Path, "dovecot"), users, dovecotConfig);
        List = list is null ? null : new MlmmjList(Path.Combine(dir.Path, "mlmmj"), list);
        Postfix = new PostfixServer(Path.Combine(dir.Path, "postfix"), Dovecot, List is null ? [] : [List], postfixConfig, pipes);
    }

    public string Folder => dir.Path;

    /// <summary>Starts the servers, or skips the test when they are not installed.</summary>
    public static async Task<MailStackFixture> StartAsync(string[] users, string? list = null, string dovecotConfig = "", string postfixConfig = "",
        PipeTransport[]? pipes = null)
    {
        MailPrograms.Require(MailPrograms.Dovecot, MailPrograms.Postfix);
        if (list is not null)
            MailPrograms.Require(MailPrograms.MlmmjMakeMl, MailPrograms.MlmmjReceive);
        var stack = new MailStackFixture(users, list, dovecotConfig, postfixConfig, pipes);
        await stack.Dovecot.StartAsync();
        await stack.Postfix.StartAsync();
        return stack;
    }

    public async ValueTask DisposeAsync()
    {
        await Postfix.DisposeAsync();
        await Dovecot.DisposeAsync();
        dir.Dispose();
    }
}
