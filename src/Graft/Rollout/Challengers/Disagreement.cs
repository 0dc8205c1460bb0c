using System.Text.Json;

namespace Graft.Rollout.Challengers;

/// <summary>
/// One of the requests the champion and the challenger disagreed on most: their answers, how far apart their scores
/// were, and the inputs as the prediction log keeps them (masked by the data-use policy), to look at by hand.
/// </summary>
public sealed record Disagreement(string PredictionId, DateTime At, ComparedAnswer Champion, ComparedAnswer Challenger, double ScoreDifference,
    bool LabelsDiffer, JsonElement Inputs)
{
    /// <summary>Most disagreeing first: a different label before a mere difference of score, then the larger difference; ties by id.</summary>
    public static readonly Comparison<Disagreement> MostFirst = (a, b) =>
        a.LabelsDiffer != b.LabelsDiffer ? (a.LabelsDiffer ? -1 : 1)
        : a.ScoreDifference != b.ScoreDifference ? b.ScoreDifference.CompareTo(a.ScoreDifference)
        : string.CompareOrdinal(a.PredictionId, b.PredictionId);

    public static Disagreement Of(ComparedPair pair, ComparedAnswer champion, ComparedAnswer challenger)
    {
        using var inputs = JsonDocument.Parse(pair.MaskedInputs);
        return new Disagreement(pair.PredictionId, DateTime.SpecifyKind(pair.At, DateTimeKind.Utc), champion, challenger,
            Math.Round(Math.Abs(champion.Score - challenger.Score), 7), champion.Label != challenger.Label, inputs.RootElement.Clone());
    }
}
