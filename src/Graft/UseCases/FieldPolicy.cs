using Graft.Data;

namespace Graft.UseCases;

/// <summary>
/// A field's data-use policy: may it be trained on, used at inference, logged; is it sensitive.
/// Null means "not said in the spec", so the audit's findings decide (a field found sensitive is not trained
/// on and is masked in logs unless the spec says otherwise). <see cref="Required"/> null means training decides:
/// a model input that was (almost) never missing in the training data is required.
/// <see cref="Protected"/>: the model's decisions are compared across the field's groups (<c>model_tests.fairness</c>), whether or not it is an input.
/// </summary>
public sealed record FieldPolicy(
    string Name,
    FieldType? Type = null,
    bool? Train = null,
    bool? Inference = null,
    bool? Log = null,
    bool? Sensitive = null,
    bool? Required = null,
    IReadOnlyList<string>? Allowed = null,
    double? Min = null,
    double? Max = null,
    double? RangeTolerance = null,
    bool Protected = false);
