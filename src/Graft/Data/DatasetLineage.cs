namespace Graft.Data;

/// <summary>
/// Where a dataset version Graft made came from: the served predictions of <see cref="UseCase"/> with a label as of
/// <see cref="AsOf"/> (<c>graft feedback export</c>), how many labels came from outcomes and how many from reviewers, and the
/// range of prediction ids. <see cref="Columns"/> say where each row came from (its prediction, its time, its label's
/// source): nothing to learn from, so <see cref="DataOf"/> leaves them out. <see cref="Masked"/> are fields the log kept
/// masked in some rows, which the file holds as missing there. Null for an imported file.
/// </summary>
public sealed record DatasetLineage(
    string UseCase, DateTime AsOf, int FromOutcomes, int FromReviews, string FirstPredictionId, string LastPredictionId,
    IReadOnlyList<string> Columns, IReadOnlyList<string> Masked)
{
    /// <summary>The data in the file, without its lineage columns: what audits and training read.</summary>
    public Frame DataOf(Frame file)
    {
        var names = file.Names.Where(n => !Columns.Contains(n)).ToList();
        return new Frame(names, [.. names.Select(file.Column)]);
    }
}
