using System.Diagnostics;
using ReviewQueue.IntegrationTests.MailStack;
using ReviewQueue.TestSupport;

namespace ReviewQueue.IntegrationTests.Web;

/// <summary>
/// Debian's nginx on a free loopback port in its own temp folder, proxying to the dashboard as an operator's site does:
/// /reviewqueue/ passed on with its prefix (Web:PathBase) and everything else at the root, with the X-Forwarded-* headers.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Nginx = "/usr/sbin/nginx";

    readonly TempDir dir = new("rq-nginx");
    Process? process;
    public int Port { get; } = MailPrograms.FreePort();
    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public static void Require()
    {
        if (!File.Exists(Nginx))
            Assert.Skip($"{Nginx} is not installed: run tests/install-deps.sh as root (see README)");
    }

    public async Task StartAsync(string upstream)
    {
        var headers = """
                proxy_set_header Host $http_host;
                proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                proxy_set_header X-Forwarded-Proto $scheme;
                proxy_set_header X-Forwarded-Host $http_host;
            """;
        var temp = string.Join("\n", new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }
            .Select(t => $"    {t}_temp_path {dir.File(t)};"));
        File.WriteAllText(dir.File("nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{dir.File("nginx.pid")}};
            error_log {{dir.File("error.log")}};
            events { worker_connections 64; }
            http {
                access_log {{dir.File("access.log")}};
            {{temp}}
                server {
                    listen 127.0.0.1:{{Port}};
                    location /reviewqueue/ {
                        proxy_pass {{upstream}};
            {{headers}}
                    }
                    location / {
                        proxy_pass {{upstream}};
            {{headers}}
                    }
                }
            }
            """);
        process = Process.Start(new ProcessStartInfo(Nginx, ["-p", dir.Path, "-e", dir.File("error.log"), "-c", dir.File("nginx.conf")])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        try
        {
            await MailPrograms.WaitForPortAsync(Port, open: true, TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException e)
        {
            // What nginx said about why (a bad line, a port taken) is in its error log, not in the test's output.
            var log = File.Exists(dir.File("error.log")) ? File.ReadAllText(dir.File("error.log")) : "(no error log)";
            throw new InvalidOperationException($"nginx did not start: {log}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            // SIGQUIT: nginx's graceful stop, its workers with it.
            Run.Program("kill", ["-QUIT", process.Id.ToString()]);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            process.Dispose();
        }
        dir.Dispose();
    }
}
