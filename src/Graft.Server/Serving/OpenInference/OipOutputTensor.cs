namespace Graft.Server.Serving.OpenInference;

/// <summary>An output tensor of an infer answer: its values in row-major order, flat.</summary>
public sealed record OipOutputTensor(string Name, string Datatype, int[] Shape, object Data);
