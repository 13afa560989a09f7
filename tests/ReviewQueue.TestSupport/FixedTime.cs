namespace ReviewQueue.TestSupport;

/// <summary>A clock that always says the same moment: debt measured as of now compares equal across ledgers and runs.</summary>
public sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
