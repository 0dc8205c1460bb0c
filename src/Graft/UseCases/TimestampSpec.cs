namespace Graft.UseCases;

/// <summary>
/// Where a row's time comes from: one date field, or a date assembled from separate year, month and day
/// fields (month as a number or an English month name), as many exports store it.
/// </summary>
public sealed record TimestampSpec(string? Field, string? Year = null, string? Month = null, string? Day = null)
{
    public IEnumerable<string> Fields =>
        Field is not null ? [Field] : new[] { Year, Month, Day }.OfType<string>();

    /// <summary>
    /// The parts that are never model inputs: a date field, or the year (it only names the period, and a model that
    /// learns it does not carry over to the future). Month and day stay inputs: seasonality is real signal.
    /// </summary>
    public IEnumerable<string> NotInputs => Field is not null ? [Field] : new[] { Year }.OfType<string>();

    public string Describe() => Field ?? $"{Year}-{Month}-{Day}";
}
