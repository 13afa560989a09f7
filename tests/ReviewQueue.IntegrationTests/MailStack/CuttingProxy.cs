using System.Net;
using System.Net.Sockets;

namespace ReviewQueue.IntegrationTests.MailStack;

/// <summary>
/// A loopback TCP proxy in front of a real server that breaks the network under a client: the first
/// <see cref="Cuts"/> times the server has sent more than <see cref="After"/> bytes on one connection,
/// the connection is cut, with a reset (RST, as a broken link or a middlebox does) or a plain close (FIN).
/// </summary>
public sealed class CuttingProxy : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int serverPort;
    readonly CancellationTokenSource stop = new();
    readonly Task accepting;
    int cutsLeft;

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;
    public int Cuts { get; }
    public long After { get; }
    public bool Reset { get; }
    /// <summary>How many connections were cut so far.</summary>
    public int Done => Cuts - Volatile.Read(ref cutsLeft);

    public CuttingProxy(int serverPort, int cuts, long after, bool reset)
    {
        this.serverPort = serverPort;
        Cuts = cutsLeft = cuts;
        After = after;
        Reset = reset;
        listener.Start();
        accepting = Task.Run(AcceptAsync);
    }

    async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => RelayAsync(client));
        }
    }

    async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, serverPort, stop.Token);
            using var cut = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var up = CopyAsync(client.GetStream(), server.GetStream(), watch: false, cut);
            var down = CopyAsync(server.GetStream(), client.GetStream(), watch: true, cut);
            await Task.WhenAny(up, down);
            cut.Cancel();
        }
        catch (Exception)
        {
            // A cut or a stop: the connection ends either way.
        }
        finally
        {
            client.Dispose();
        }
    }

    async Task CopyAsync(NetworkStream from, NetworkStream to, bool watch, CancellationTokenSource cut)
    {
        var buffer = new byte[16384];
        long sent = 0;
        while (true)
        {
            int n = await from.ReadAsync(buffer, cut.Token);
            if (n == 0)
                return;
            if (watch && sent + n > After && TakeCut())
            {
                // Part of what the server sent goes through, then the link breaks.
                await to.WriteAsync(buffer.AsMemory(0, n / 2), cut.Token);
                if (Reset)
                    to.Socket.LingerState = new LingerOption(true, 0); // closing now sends RST
                to.Socket.Close();
                return;
            }
            await to.WriteAsync(buffer.AsMemory(0, n), cut.Token);
            sent += n;
        }
    }

    bool TakeCut()
    {
        while (true)
        {
            int left = Volatile.Read(ref cutsLeft);
            if (left <= 0)
                return false;
            if (Interlocked.CompareExchange(ref cutsLeft, left - 1, left) == left)
                return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Stop();
        try
        {
            await accepting;
        }
        catch (Exception)
        {
        }
        stop.Dispose();
    }
}
