using ReviewQueue.Core.Subsystems;

namespace ReviewQueue.Core.Tests.Subsystems;

public sealed class TreeFileListTests
{
    static readonly string[] Files = ["Makefile", "arch/x86/Kconfig", "arch/x86/boot/a.S", "arch/x86/boot/b.S",
        "arch/x86/kernel/c.c", "arch/arm/d.c", "drivers/net/core.c", "drivers/net/phy/phy.c", "drivers/netdev.c", "x/y/z/w.c"];

    static readonly string[] Directories = ["arch", "arch/x86", "arch/x86/boot", "arch/x86/kernel", "arch/arm", "drivers",
        "drivers/net", "drivers/net/phy", "x", "x/y", "x/y/z"];

    [Fact]
    public void EveryDirectoryOfASortedListingIsKnownAndNoFileIsOne()
    {
        var tree = TreeFileList.Parse(string.Join("\r\n", Files) + "\n");
        Assert.Equal(Files.Length, tree.FileCount);
        Assert.All(Directories, d => Assert.True(tree.IsDirectory(d), d));
        Assert.All(Directories, d => Assert.True(tree.IsDirectory(d + "/"), d));
        Assert.All(Files, f => Assert.False(tree.IsDirectory(f), f));
        Assert.False(tree.IsDirectory("drivers/ne"));
        Assert.Equal(Directories.Length, tree.DirectoryCount);
    }

    [Fact]
    public void AnyOrderOfTheListingKnowsTheSameDirectories()
    {
        var random = new Random(6);
        for (int n = 0; n < 50; n++)
        {
            var shuffled = Files.OrderBy(_ => random.Next()).ToArray();
            var parsed = TreeFileList.Parse(string.Join('\n', shuffled));
            var built = new TreeFileList(shuffled);
            foreach (var tree in new[] { parsed, built })
            {
                Assert.Equal(Directories.Length, tree.DirectoryCount);
                Assert.All(Directories, d => Assert.True(tree.IsDirectory(d), d));
            }
        }
    }

    [Fact]
    public void ATreeWalkedByDirectoriesKnowsWhatItsFileListingKnows()
    {
        var walked = TreeFileList.FromDirectories(Directories, Files.Length);
        var listed = new TreeFileList(Files);
        Assert.Equal(listed.FileCount, walked.FileCount);
        Assert.Equal(listed.DirectoryCount, walked.DirectoryCount);
        Assert.All(Directories.Concat(Files), p => Assert.Equal(listed.IsDirectory(p), walked.IsDirectory(p)));
    }
}
