namespace Graft.Server.Serving.OpenInference;

/// <summary>What <c>POST …/infer</c> answers.</summary>
public sealed record OipInferResponse(string ModelName, string ModelVersion, string? Id, IReadOnlyList<OipOutputTensor> Outputs);
