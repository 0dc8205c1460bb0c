using System.Text.Json.Serialization;

namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// What <c>POST …/infer</c> answers. The protocol's <c>id</c> is a string, the request's when it gave one: a
/// request without one gets an answer without one, never <c>"id": null</c>.
/// </summary>
public sealed record OipInferResponse(
    string ModelName,
    string ModelVersion,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Id,
    IReadOnlyList<OipOutputTensor> Outputs);
