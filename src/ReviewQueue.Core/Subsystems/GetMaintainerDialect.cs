namespace ReviewQueue.Core.Subsystems;

/// <summary>
/// The differences between the kernel's get_maintainer.pl and the copies projects keep. Xen's copy (recognised by
/// a "V: xen-maintainers-N" line under THE REST) cuts section names in roles to 20 characters, prints R: people as
/// plain "reviewer", keeps duplicate people, expands "{a,b}" in F: patterns, and drops THE REST's supporters when
/// a file has another section.
/// </summary>
public sealed record GetMaintainerDialect(
    string Name,
    int SectionNameMax,
    bool ReviewerRoleNamesSection,
    bool RemoveDuplicates,
    bool BraceExpansion,
    bool DropTheRestSupporters)
{
    public static GetMaintainerDialect Kernel { get; } = new("kernel", 50, true, true, false, false);
    public static GetMaintainerDialect Xen { get; } = new("xen", 20, false, false, true, true);

    /// <summary>Xen's script refuses a MAINTAINERS without its version line; its presence picks Xen's rules.</summary>
    public static GetMaintainerDialect For(MaintainersFile file) =>
        file.Sections.Any(s => s.IsTheRest && s.Values('V').Any(v => v.Contains("xen-maintainers-", StringComparison.Ordinal)))
            ? Xen
            : Kernel;

    /// <summary>A section's name as printed in roles: cut with "..." past <see cref="SectionNameMax"/>.</summary>
    public string ShortName(Section section)
    {
        var name = section.Name;
        if (name.Length <= SectionNameMax)
            return name;
        return name[..(SectionNameMax - 3)].TrimEnd() + "...";
    }
}
