using Microsoft.Extensions.DependencyInjection;
using ReviewQueue.Subsystems;
using ReviewQueue.TestSupport;

namespace ReviewQueue.CorpusTests.Subsystems;

/// <summary>
/// The reviewers a waiting series is suggested (dashboard, backlog, digests) under Linux 6.12's MAINTAINERS and its
/// .mailmap. MAINTAINERS lists some people under an address the .mailmap maps to another (git check-mailmap:
/// "Christian Brauner &lt;christian@brauner.io&gt;" is brauner@kernel.org, "Jason Gunthorpe &lt;jgg@nvidia.com&gt;" is
/// jgg@ziepe.ca), and under the other one in another section.
/// </summary>
public sealed class LinuxSuggestedReviewersTests
{
    [Fact]
    public void APersonListedUnderTwoOfTheirAddressesIsAskedOnceAndNeverAboutTheirOwnSeries()
    {
        using var ledger = new TestLedger(settings: new Dictionary<string, string?>
        {
            ["Maintainers:File"] = Corpus.Require("maintainers", "linux-6.12", "MAINTAINERS"),
            ["Maintainers:TreeFiles"] = Corpus.Require("maintainers", "linux-6.12", "tree-files-6.12.117.txt"),
            ["Maintainers:Mailmap"] = Corpus.Require("maintainers", "linux-6.12", "mailmap"),
        });
        var map = ledger.Services.GetRequiredService<MaintainersSubsystems>();

        // PIDFD API lists christian@brauner.io, the VFS brauner@kernel.org.
        var pidfdAndVfs = map.SuggestedReviewers(["PIDFD API", "FILESYSTEMS (VFS and infrastructure)"], authorEmail: null);
        Assert.Single(pidfdAndVfs, p => p.StartsWith("Christian Brauner", StringComparison.Ordinal));
        Assert.Contains("Christian Brauner <brauner@kernel.org>", pidfdAndVfs);

        // IOMMUFD lists jgg@nvidia.com (where he writes from), TPM DEVICE DRIVER jgg@ziepe.ca.
        var iommufdAndTpm = map.SuggestedReviewers(["IOMMUFD", "TPM DEVICE DRIVER"], authorEmail: null);
        Assert.Single(iommufdAndTpm, p => p.StartsWith("Jason Gunthorpe", StringComparison.Ordinal));
        Assert.DoesNotContain(map.SuggestedReviewers(["TPM DEVICE DRIVER"], authorEmail: "jgg@nvidia.com"),
            p => p.StartsWith("Jason Gunthorpe", StringComparison.Ordinal));
        Assert.DoesNotContain(map.SuggestedReviewers(["PIDFD API"], authorEmail: "brauner@kernel.org"),
            p => p.StartsWith("Christian Brauner", StringComparison.Ordinal));

        // Shown as get_maintainer.pl shows them: NVM EXPRESS DRIVER's "Jens Axboe <axboe@fb.com>" at the mapped address.
        var nvme = map.SuggestedReviewers(["NVM EXPRESS DRIVER"], authorEmail: null);
        Assert.Contains("Jens Axboe <axboe@kernel.dk>", nvme);
        Assert.DoesNotContain("Jens Axboe <axboe@fb.com>", nvme);
    }
}
