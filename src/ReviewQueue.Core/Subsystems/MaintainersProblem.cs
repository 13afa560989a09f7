namespace ReviewQueue.Core.Subsystems;

/// <summary>A MAINTAINERS line that could not be read as intended, with where it is and why.</summary>
public sealed record MaintainersProblem(string File, int Line, string Text, string Reason)
{
    public override string ToString() => $"{File}:{Line}: {Reason}: {Text}";
}
