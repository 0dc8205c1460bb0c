namespace Graft.Feedback;

/// <summary>
/// What an export made: the dataset version (<paramref name="Created"/> false when the same rows were exported before), as
/// of when, how many rows and where their labels came from, the first and last prediction id, the labelled predictions left
/// out because the log no longer holds them or their inputs, and the fields the log kept masked.
/// </summary>
public sealed record FeedbackExportResult(
    string UseCase, string Dataset, string Sha256, bool Created, DateTime AsOf, int Rows, int FromOutcomes, int FromReviews,
    string FirstPrediction, string LastPrediction, int NotInLog, int WithoutInputs, IReadOnlyList<string> Masked);
