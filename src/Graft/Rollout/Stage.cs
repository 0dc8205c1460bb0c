namespace Graft.Rollout;

/// <summary>
/// How much the app trusts a use case. Persisted (rollout state and history): the numbers never change, and their
/// order is the ladder a use case climbs one step at a time.
/// </summary>
public enum Stage
{
    /// <summary>The rule answers every request (fallback reason <c>killed</c>).</summary>
    Off = 1,

    /// <summary>The model answers and is logged; the app gets the rule's decision, with route <c>shadow</c>.</summary>
    Shadow = 2,

    /// <summary>The model's answers are shown to people (route <c>review</c>), for the cohort.</summary>
    Assist = 3,

    /// <summary>The model's confident answers are acted on (route <c>auto</c>), for the cohort.</summary>
    Auto = 4,
}

/// <summary>The words of <see cref="Stage"/> in specs, commands and answers.</summary>
public static class Stages
{
    public static string Word(this Stage stage) => stage switch
    {
        Stage.Off => "off",
        Stage.Shadow => "shadow",
        Stage.Assist => "assist",
        _ => "auto",
    };

    public static bool TryParse(string? word, out Stage stage)
    {
        stage = word switch { "off" => Stage.Off, "shadow" => Stage.Shadow, "assist" => Stage.Assist, "auto" => Stage.Auto, _ => 0 };
        return stage != 0;
    }

    /// <summary>Whether answers in this stage are for a cohort of entities (assist and auto are; off and shadow answer everyone alike).</summary>
    public static bool HasCohort(this Stage stage) => stage is Stage.Assist or Stage.Auto;
}
