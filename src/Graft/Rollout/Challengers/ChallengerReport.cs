namespace Graft.Rollout.Challengers;

/// <summary>
/// <c>graft challenger report</c> and <c>GET /v1/usecases/{id}/challenger/report</c>, the same shape in both (snake_case):
/// the champion and the challenger side by side over the same requests since the challenger began: how many were
/// compared, how often their labels agreed, how their scores correlate (Pearson) and how far apart they were on
/// average, each one's scoring time and errors, and the requests they disagreed on most. The field names are a contract.
/// </summary>
public sealed record ChallengerReport(
    string UseCase, string Mode, int Percent, DateTime Since, long Compared, long Paired,
    double? LabelAgreement, double? ScoreCorrelation, double? MeanAbsoluteScoreDifference,
    ComparedModel Champion, ComparedModel Challenger, string LiveQualityNote, IReadOnlyList<Disagreement> Disagreements)
{
    public const string NoOutcomesYet = "no outcomes are joined to predictions yet, so neither side's live quality is known";

    public const string ShadowHasNoOutcomes = "a shadow challenger's answers are never served or logged, so outcomes join only the champion's; a canary gives both sides live quality";

    public const string BothSides = "each side's live quality is over the outcomes joined to the answers it served since the challenger began";

    /// <summary>The report of the comparison, with each side's live quality since it began (<paramref name="champion"/> and <paramref name="challenger"/>: null without joined outcomes).</summary>
    public static ChallengerReport Of(ComparisonKey key, ChallengerMode mode, int percent, ComparisonTally tally,
        Feedback.LiveQuality? champion = null, Feedback.LiveQuality? challenger = null) => new(
        key.UseCaseId, mode.Word(), percent, DateTime.SpecifyKind(key.Since, DateTimeKind.Utc), tally.Compared, tally.Paired,
        Round(tally.LabelAgreement()), Round(tally.Scores.Correlation()), Round(tally.Scores.MeanAbsoluteDifference()),
        ComparedModel.Of(key.Champion, tally.ChampionErrors, tally.ChampionLatency, champion),
        ComparedModel.Of(key.Challenger, tally.ChallengerErrors, tally.ChallengerLatency, challenger),
        champion is null && challenger is null ? NoOutcomesYet : mode == ChallengerMode.Shadow ? ShadowHasNoOutcomes : BothSides, tally.Disagreements);

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 6) : null;
}

/// <summary>One side of the comparison: its version, the sampled requests it failed to answer, its scoring time, and its live quality (null until outcomes are joined to its answers).</summary>
public sealed record ComparedModel(string Version, long Errors, double? LatencyP50Ms, double? LatencyP99Ms, Feedback.LiveQuality? LiveQuality)
{
    public static ComparedModel Of(string version, long errors, LatencyHistogram latency, Feedback.LiveQuality? live) =>
        new(version, errors, latency.QuantileMs(0.5), latency.QuantileMs(0.99), live is { Rows: > 0 } ? live : null);
}
