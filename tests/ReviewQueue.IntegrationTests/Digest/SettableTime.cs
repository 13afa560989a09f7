namespace ReviewQueue.IntegrationTests.Digest;

/// <summary>A clock the test moves by hand.</summary>
sealed class SettableTime(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}
