namespace Graft.Server.Serving.OpenInference;

/// <summary>
/// What a client needs beyond the tensors: the task, the classes in the order of the <c>scores</c> output, and the
/// inputs a request must carry for the model to answer (without one of them, the rule answers the row, or the
/// request is refused, as the spec's <c>on_missing_inputs</c> says).
/// </summary>
public sealed record OipModelParameters(IReadOnlyList<string> Classes, string Task, IReadOnlyList<string> RequiredInputs);
