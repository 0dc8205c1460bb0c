namespace Graft.Rollout;

/// <summary>How a challenger meets live traffic. Persisted: the numbers never change.</summary>
public enum ChallengerMode
{
    /// <summary>Scored off the request path on a sampled share of requests; it never changes an answer.</summary>
    Shadow = 1,

    /// <summary>Answers its sticky share of entities instead of the champion.</summary>
    Canary = 2,
}
