namespace Graft.UseCases;

/// <summary>
/// Where a row's time comes from: one date field, or a date assembled from separate year, month and day
/// fields (month as a number or an English month name), as many exports store it.
/// </summary>
public sealed record TimestampSpec(string? Field, string? Year = null, string? Month = null, string? Day = null)
{
    public IEnumerable<string> Fields =>
        Field is not null ? [Field] : new[] { Year, Month, Day }.OfType<string>();

    public string Describe() => Field ?? $"{Year}-{Month}-{Day}";
}
