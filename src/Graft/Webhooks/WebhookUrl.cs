using System.Net;
using System.Net.NetworkInformation;

namespace Graft.Webhooks;

/// <summary>
/// Which URLs a webhook may have: absolute http(s), and not the server's own address, where a delivery would come back
/// as a request to Graft itself. Own addresses are given as listened on (<c>http://127.0.0.1:5080</c>, a wildcard host
/// such as <c>http://[::]:5080</c> or <c>http://+:5080</c>) or as a request's host (<c>localhost:5080</c>). Names are not
/// resolved: the loopback names and this machine's name and addresses are recognised, another name for it is not.
/// </summary>
public static class WebhookUrl
{
    public const int MaxLength = 2048;

    /// <summary>The URL, or a refusal (Invalid) saying what is wrong with it.</summary>
    public static Uri Check(string? url, IEnumerable<string> ownAddresses)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw GraftException.Invalid("a webhook needs a url, e.g. https://app.example.com/graft-events");
        }
        if (url.Length > MaxLength || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            throw GraftException.Invalid($"'{Clipped(url)}' is not an http or https URL; a webhook is POSTed to one, e.g. https://app.example.com/graft-events");
        }
        if (uri.UserInfo.Length > 0)
        {
            throw GraftException.Invalid("a webhook URL carries no user or password: they would not be sent, and the signature is how a receiver knows the sender");
        }
        if (ownAddresses.FirstOrDefault(own => PointsAt(uri, own)) is { } self)
        {
            throw GraftException.Invalid($"{uri.GetLeftPart(UriPartial.Authority)} is this Graft server's own address ({self}); a webhook goes to another service");
        }
        return uri;
    }

    /// <summary>The URL as the trail and the logs show it: without its query, which may hold a receiver's token.</summary>
    public static string Shown(Uri url) => url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    /// <summary>Whether <paramref name="url"/> goes to the same host and port as <paramref name="own"/>.</summary>
    public static bool PointsAt(Uri url, string own)
    {
        var address = own.Contains("://", StringComparison.Ordinal) ? own : url.Scheme + "://" + own;
        // Kestrel's wildcard hosts are no URI hosts; they mean every address of the machine.
        address = address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var listened) || listened.Port != url.Port)
        {
            return false;
        }
        var (host, ownHost) = (Host(url), Host(listened));
        return string.Equals(host, ownHost, StringComparison.OrdinalIgnoreCase)
            || (IsLoopback(host) && IsLoopback(ownHost))
            || (IsAny(ownHost) && (IsLoopback(host) || IsMachine(host)));
    }

    private static string Host(Uri uri) => uri.Host.Trim('[', ']');

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip));

    private static bool IsAny(string host) =>
        IPAddress.TryParse(host, out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));

    private static bool IsMachine(string host) =>
        host.Equals(Environment.MachineName, StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var ip) && LocalAddresses().Contains(ip));

    private static IEnumerable<IPAddress> LocalAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces().SelectMany(n => n.GetIPProperties().UnicastAddresses).Select(a => a.Address);

    private static string Clipped(string url) => url.Length <= 80 ? url : url[..79] + "…";
}
