namespace Graft.Rollout;

/// <summary>How a challenger meets live traffic. Persisted: the numbers never change.</summary>
public enum ChallengerMode
{
    /// <summary>Scored off the request path on a sampled share of requests; it never changes an answer.</summary>
    Shadow = 1,

    /// <summary>Answers its sticky share of entities instead of the champion.</summary>
    Canary = 2,
}

/// <summary>The words of <see cref="ChallengerMode"/> in commands, answers and the trail.</summary>
public static class ChallengerModes
{
    public static string Word(this ChallengerMode mode) => mode == ChallengerMode.Canary ? "canary" : "shadow";

    public static bool TryParse(string? word, out ChallengerMode mode)
    {
        mode = word switch { "shadow" => ChallengerMode.Shadow, "canary" => ChallengerMode.Canary, _ => 0 };
        return mode != 0;
    }
}
