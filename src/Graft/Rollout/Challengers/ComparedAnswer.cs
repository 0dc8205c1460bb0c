namespace Graft.Rollout.Challengers;

/// <summary>
/// One model's answer as a comparison weighs it: its label (none for a regression) and the number compared between
/// the two models: a binary model's positive-class score, a multiclass model's probability of the champion's label, a
/// regression's value.
/// </summary>
public sealed record ComparedAnswer(string? Label, double Score);

/// <summary>
/// The champion's and the challenger's answers to one request, each null where that model failed, with the time each
/// took to score the row, and the request's inputs as the prediction log keeps them (masked by the data-use policy).
/// </summary>
public sealed record ComparedPair(
    string PredictionId, DateTime At, ComparedAnswer? Champion, double ChampionMicroseconds, ComparedAnswer? Challenger, double ChallengerMicroseconds,
    byte[] MaskedInputs);
