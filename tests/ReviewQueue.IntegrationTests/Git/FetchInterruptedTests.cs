using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using LibGit2Sharp;
using ReviewQueue.Git.Trees;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Git;

/// <summary>
/// With a fetch timeout, libgit2 waits for the server in poll(), and a signal whose handler runs on the fetching thread
/// (the runtime's SIGCHLD as a child process ends, a terminal's SIGWINCH) ends that wait with EINTR: the fetch failed
/// with "Interrupted system call", which is no answer of the remote (the suite met it by chance, with other tests'
/// processes ending). Here a SIGCHLD is sent to the very thread that waits for a server slow to answer.
/// </summary>
public sealed class FetchInterruptedTests : IDisposable
{
    readonly TempDir work = new("rq-fetch-eintr");

    [Fact]
    public void ASignalOnTheFetchingThreadIsNoFailureOfTheFetchTheRemoteAnswers()
    {
        // The runtime handles SIGCHLD (so that it interrupts a wait) once a child process has run.
        using (var child = System.Diagnostics.Process.Start("true"))
            child.WaitForExit();
        // A server that takes a second to answer each request, and then has no such repository.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var asked = new ManualResetEventSlim();
        var serving = new Thread(() =>
        {
            try
            {
                while (true)
                {
                    using var socket = listener.AcceptSocket();
                    socket.Receive(new byte[4096]);
                    asked.Set();
                    Thread.Sleep(1000);
                    socket.Send(Encoding.ASCII.GetBytes("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
                    socket.Shutdown(SocketShutdown.Both);
                }
            }
            catch (SocketException)
            {
                // stopped
            }
        }) { IsBackground = true };
        serving.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/x.git";
        int tid = 0;
        Exception? failed = null;
        var fetching = new Thread(() =>
        {
            Volatile.Write(ref tid, gettid());
            try
            {
                using var repo = TreeRepository.Open(work.File("mirror"), url);
                TreeRepository.Fetch(repo, url, ["master"], TimeSpan.FromSeconds(30));
            }
            catch (Exception e)
            {
                failed = e;
            }
        });
        try
        {
            fetching.Start();
            Assert.True(asked.Wait(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken), "the fetch did not ask");
            Thread.Sleep(300); // waiting for the answer
            Assert.Equal(0, tgkill(Environment.ProcessId, Volatile.Read(ref tid), SigChld));
            Assert.True(fetching.Join(TimeSpan.FromSeconds(60)), "the fetch did not end");
        }
        finally
        {
            listener.Stop();
        }

        var e = Assert.IsAssignableFrom<LibGit2SharpException>(failed);
        Assert.DoesNotContain("Interrupted system call", e.Message);
        Assert.Contains("404", e.Message);
    }

    const int SigChld = 17; // Linux, x86-64 and arm64

    [DllImport("libc", SetLastError = true)]
    static extern int gettid();

    [DllImport("libc", SetLastError = true)]
    static extern int tgkill(int tgid, int tid, int sig);

    public void Dispose() => work.Dispose();
}
