namespace Graft.Server.Serving.OpenInference;

/// <summary>What <c>GET /v2/models/{name}[/versions/{version}]</c> answers: one input tensor per field, and the outputs.</summary>
public sealed record OipModelMetadata(
    string Name, IReadOnlyList<string> Versions, string Platform,
    IReadOnlyList<OipTensorMetadata> Inputs, IReadOnlyList<OipTensorMetadata> Outputs, OipModelParameters Parameters);
