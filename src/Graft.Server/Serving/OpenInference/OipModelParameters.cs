namespace Graft.Server.Serving.OpenInference;

/// <summary>What a client needs beyond the tensors: the task, and the classes in the order of the <c>scores</c> output.</summary>
public sealed record OipModelParameters(IReadOnlyList<string> Classes, string Task);
