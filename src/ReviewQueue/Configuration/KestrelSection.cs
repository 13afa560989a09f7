using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ReviewQueue.Configuration;

/// <summary>
/// ASP.NET Core's own "Kestrel" section: Endpoints, Certificates and EndpointDefaults as
/// WebApplication.CreateBuilder reads them (`run` builds an empty builder, which reads none of it by itself),
/// and the server's options (Limits, AddServerHeader…) bound onto KestrelServerOptions.
/// </summary>
public static class KestrelSection
{
    public static string Section => "Kestrel";

    /// <summary>Reads the section into the web host; Web:Urls is then only the fallback (see <see cref="Contradiction"/>).</summary>
    public static void Apply(WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(Section);
        // Endpoints with https and certificates need what UseKestrelCore leaves out.
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(o => o.Configure(section, reloadOnChange: false));
        builder.Services.Configure<KestrelServerOptions>(section);
        // A Url that is none is said by its own key (Problems), not again as a Web:Urls the operator never set.
        var urls = EndpointUrls(builder.Configuration).Where(WebOptions.IsListenUrl).ToList();
        if (urls.Count > 0)
            // What reads Web:Urls (the digest's dashboard links) then names where Kestrel listens.
            builder.Services.PostConfigure<WebOptions>(o => o.Urls = string.Join(';', urls));
    }

    /// <summary>The Url of each Kestrel:Endpoints entry, in the order given.</summary>
    public static IReadOnlyList<string> EndpointUrls(IConfiguration configuration) =>
        [.. configuration.GetSection(Section).GetSection("Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>().Where(u => u.Length > 0)];

    /// <summary>
    /// What Kestrel would refuse only when the host starts (an unhandled exception, exit 1): an endpoint's Url that is no
    /// http(s) URL, a server option that does not convert. Each names its key and where it was set.
    /// </summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        foreach (var endpoint in section.GetSection("Endpoints").GetChildren())
        {
            var key = $"{endpoint.Path}:Url";
            if (string.IsNullOrWhiteSpace(endpoint["Url"]))
                yield return $"{key} is missing: every endpoint needs one";
            else if (!WebOptions.IsListenUrl(endpoint["Url"]!))
                yield return ConfigurationSetup.WithOrigin(configuration, key, $"{key} is not an http(s) URL: {endpoint["Url"]}");
        }
        if (SectionCheck.Unbindable(section, new KestrelServerOptions(), configuration) is { } unconvertible)
            yield return unconvertible;
    }

    /// <summary>
    /// Kestrel:Endpoints wins over the addresses given to UseUrls (ASP.NET Core's rule; it would only log a
    /// warning). Web:Urls as shipped is a default and gives way; one the operator set (--config, environment)
    /// beside Kestrel:Endpoints is a contradiction, said at start.
    /// </summary>
    public static string? Contradiction(IConfiguration configuration)
    {
        if (EndpointUrls(configuration).Count == 0 || configuration is not IConfigurationRoot root)
            return null;
        var webUrls = $"{WebOptions.Section}:{nameof(WebOptions.Urls)}";
        if (!ConfigurationSetup.IsSetByOperator(root, webUrls))
            return null;
        return $"{webUrls} and Kestrel:Endpoints both say where `run` listens ({configuration[webUrls]}; "
            + $"{string.Join(';', EndpointUrls(configuration))}): keep one (Kestrel:Endpoints would win)";
    }
}
