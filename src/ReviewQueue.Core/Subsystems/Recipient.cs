namespace ReviewQueue.Core.Subsystems;

/// <summary>One line of get_maintainer.pl's answer: an address and its role, e.g. "maintainer:HARDWARE MONITORING".</summary>
public sealed record Recipient(string Address, string Role)
{
    public override string ToString() => $"{Address} ({Role})";
}
