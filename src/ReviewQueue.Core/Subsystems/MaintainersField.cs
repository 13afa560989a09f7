namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// One "X: value" line of a MAINTAINERS file, as written. <see cref="Ordinal"/> is the line's place among the
/// file's non-blank, non-comment lines (get_maintainer.pl numbers its lines that way and sorts keyword hits by it).
/// </summary>
public sealed record MaintainersField(char Letter, string Value, string File, int Line, int Ordinal)
{
    public override string ToString() => $"{Letter}:\t{Value}";
}
