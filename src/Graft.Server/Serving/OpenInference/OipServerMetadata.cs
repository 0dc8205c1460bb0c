namespace Graft.Server.Serving.OpenInference;

/// <summary>What <c>GET /v2</c> answers: the server's name, version and protocol extensions (Graft declares none).</summary>
public sealed record OipServerMetadata(string Name, string Version, IReadOnlyList<string> Extensions)
{
    public static readonly OipServerMetadata Graft =
        new("graft", typeof(OipServerMetadata).Assembly.GetName().Version?.ToString(3) ?? "0.0.0", []);
}
