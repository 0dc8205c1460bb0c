using System.Text.Json.Serialization;

namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// What the ready routes answer: the server's readiness (<c>{"ready": …}</c>), or a model's with its <see cref="Name"/>;
/// when not ready, why.
/// </summary>
public sealed record OipReadiness(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Name,
    bool Ready,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error = null);
