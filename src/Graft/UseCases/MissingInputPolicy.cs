namespace Graft.UseCases;

/// <summary>What answers a request that lacks a required input (the spec's <c>on_missing_inputs</c>). Never the model.</summary>
public enum MissingInputPolicy
{
    /// <summary>The rule answers, with <c>route: fallback</c> and <c>fallback_reason: missing_inputs</c>.</summary>
    Fallback = 1,

    /// <summary>A 400 that names every missing field.</summary>
    Reject = 2,
}
