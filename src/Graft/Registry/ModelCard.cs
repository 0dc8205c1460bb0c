using Graft.Training;
using Graft.UseCases;

namespace Graft.Registry;

/// <summary>
/// What a model artifact needs beside its ML.NET file to be served on its own: the task, its inputs in order,
/// the classes, the decision threshold, and how its feature slots map back to fields for explanations. Stored next to the model so an artifact is self-describing.
/// </summary>
public sealed record ModelCard(
    string Version,
    string UseCase,
    TaskKind Task,
    string Candidate,
    string Trainer,
    IReadOnlyList<ModelInput> Inputs,
    IReadOnlyList<string> Classes,
    string? Positive,
    double? Threshold,
    IReadOnlyList<FeatureRange> Features)
{
    /// <summary>Whether the model outputs feature contributions (binary and regression models do).</summary>
    public bool Explains => Features.Count > 0;

    /// <summary>
    /// For a tree model, how many of the rows it was fitted on reached each leaf (per tree, leaves left to right):
    /// what its explanations weigh node values by, so their base is the training rows' mean score. Null otherwise.
    /// </summary>
    public IReadOnlyList<int[]>? LeafCover { get; init; }
}
