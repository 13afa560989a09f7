namespace ReviewQueue.Core.Subsystems;

/// <summary>A section that claims a path, with the depth of the pattern that claimed it (deeper sorts first).</summary>
public sealed record SectionMatch(Section Section, int Depth);
