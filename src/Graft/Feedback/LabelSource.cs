namespace Graft.Feedback;

/// <summary>Where an exported row's label came from. The words are the <c>label_source</c> column's values.</summary>
public static class LabelSource
{
    /// <summary>An outcome: the ground truth, observed after the prediction.</summary>
    public const string Outcome = "outcome";

    /// <summary>A reviewer's decision: an accept (the model's answer stands) or an override (the corrected answer).</summary>
    public const string Review = "review";
}
