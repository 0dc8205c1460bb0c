namespace Graft.Server.Serving.OpenInference;

/// <summary>An input or output tensor in the model metadata; a dimension of -1 is the number of rows.</summary>
public sealed record OipTensorMetadata(string Name, string Datatype, int[] Shape);
