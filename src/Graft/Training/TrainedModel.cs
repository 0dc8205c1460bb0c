using Graft.Training.Evaluation;
using Microsoft.ML;

namespace Graft.Training;

/// <summary>
/// The best setting of one model family, fitted, with its validation metrics and scores (the scores of rows it
/// did not learn from, which is what live traffic will look like), every setting tried, and, when the model
/// explains its predictions, which fields its feature slots come from.
/// </summary>
public sealed record TrainedModel(
    CandidateConfig Config,
    ITransformer Model,
    double Threshold,
    MetricSet Validation,
    double[] ValidationScores,
    TimeSpan TrainTime,
    IReadOnlyList<SearchStep> Tried,
    IReadOnlyList<FeatureRange> Features);

/// <summary>One setting tried during the search, with its score on the validation split.</summary>
/// <remarks>The score is null for a configuration the time budget skipped, or whose score is not a finite number.</remarks>
public sealed record SearchStep(string Parameters, double? ValidationScore);
