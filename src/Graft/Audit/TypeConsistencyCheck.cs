using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// <c>type_inconsistent</c>: a field inferred as numbers, booleans or dates that holds some values of another kind.
/// Those values are read as missing downstream, so the finding counts them and shows a few.
/// </summary>
internal static class TypeConsistencyCheck
{
    private const int Examples = 3;

    public static AuditFinding? Run(FieldColumn column, bool sensitive)
    {
        if (column.Schema.Consistency >= 1 || column.Type is FieldType.Category or FieldType.Text)
        {
            return null;
        }
        var odd = 0;
        var examples = new List<string>();
        foreach (var code in column.TopCodes(int.MaxValue))
        {
            if (Fits(column, code))
            {
                continue;
            }
            odd += column.Counts[code];
            if (examples.Count < Examples)
            {
                examples.Add(Wording.Quote(SensitiveMask.Apply(column.Values[code], sensitive, column.Type)));
            }
        }
        if (odd == 0)
        {
            return null;
        }
        var kind = column.Type.ToString().ToLowerInvariant();
        var message = $"{column.Name} holds {kind} values, but {Wording.Count(odd)} of {Wording.Count(column.Present)} present values " +
            $"({Wording.Share(odd, column.Present)}) are not, e.g. {string.Join(", ", examples)}; they will be read as missing";
        return new AuditFinding(FindingCodes.TypeInconsistent, Severity.Warning, column.Name, message, new Dictionary<string, double>
        {
            ["inconsistent"] = odd,
            ["present"] = column.Present,
            ["consistency"] = (double)(column.Present - odd) / column.Present,
        });
    }

    private static bool Fits(FieldColumn column, int code) => column.Type switch
    {
        FieldType.Number => double.IsFinite(column.NumberByCode[code]),
        FieldType.Boolean => Values.TryBoolean(column.Values[code], out _),
        FieldType.Date => Values.TryDate(column.Values[code], out _),
        _ => true,
    };
}
