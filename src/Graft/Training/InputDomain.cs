namespace Graft.Training;

/// <summary>
/// What a model saw of one input in the rows it was fitted on, so serving can say when an answer rests on
/// something it did not see: whether the input is required (it was almost never missing, or the spec says so),
/// how often it was missing, the range of a number, and the categories its encoding knows (a value outside
/// them reads as missing to the model).
/// </summary>
public sealed record InputDomain(bool Required, double MissingShare, double? Min = null, double? Max = null, IReadOnlyList<string>? Categories = null)
{
    /// <summary>A share of missing values below this makes an input required: the model has not learnt what its absence means.</summary>
    public const double RequiredBelow = 0.001;
}
