using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Graft.Server.Webhooks;

/// <summary>Where this server answers, which a webhook must not point at: the addresses it listens on, and the host a request came to.</summary>
internal static class OwnAddresses
{
    public static IReadOnlyList<string> Of(IServer server, HttpRequest? request = null)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        if (request is { Host.HasValue: true })
        {
            addresses.Add($"{request.Scheme}://{request.Host}");
        }
        return addresses;
    }
}
