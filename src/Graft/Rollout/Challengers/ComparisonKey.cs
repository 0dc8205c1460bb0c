namespace Graft.Rollout.Challengers;

/// <summary>
/// Which comparison a pair of answers counts toward: a use case's champion against its challenger since the challenger
/// began (<see cref="RolloutState.ChallengerSince"/>). A new champion, or another challenger, starts another.
/// </summary>
public sealed record ComparisonKey(string UseCaseId, string Champion, string Challenger, DateTime Since);
