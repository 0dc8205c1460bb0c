using Graft.Rollout.Challengers;

namespace Graft.Serving.Challengers;

/// <summary>
/// A request in the challenger's share, as the request path hands it over once answered: the comparison it counts
/// toward, which side answered it (the champion, or in a canary the challenger) with what and in how long (null: that
/// model failed), and what the other side needs to score it off the path: the inputs as parsed, whether answers are
/// explained, and the inputs as the log keeps them, already built for the log, for the report's examples.
/// </summary>
public sealed record ChallengerSample(
    ComparisonKey Key, bool ChallengerAnswered, ModelOutput? Answer, double AnswerMicroseconds, IReadOnlyDictionary<string, InputValue> Inputs,
    bool Explain, byte[] MaskedInputs, string PredictionId, DateTime At)
{
    public string OtherVersion => ChallengerAnswered ? Key.Champion : Key.Challenger;
}
