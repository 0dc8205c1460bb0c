using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// <c>high_cardinality</c>: a category with many distinct values (but not an identifier). Trainers then see many
/// rare values; worth knowing, usually fine.
/// </summary>
internal static class HighCardinalityCheck
{
    public const int MaxDistinct = 100;

    public static AuditFinding? Run(FieldColumn column, bool idLike)
    {
        if (column.Type != FieldType.Category || idLike || column.Values.Length <= MaxDistinct)
        {
            return null;
        }
        var rare = 0;
        foreach (var count in column.Counts)
        {
            rare += count < 5 ? 1 : 0;
        }
        var message = $"{column.Name} has {Wording.Count(column.Values.Length)} distinct values; " +
            $"{Wording.Count(rare)} of them occur in fewer than 5 rows, too few to learn much from each";
        return new AuditFinding(FindingCodes.HighCardinality, Severity.Info, column.Name, message, new Dictionary<string, double>
        {
            ["distinct"] = column.Values.Length,
            ["rare_values"] = rare,
        });
    }
}
