namespace Graft.Audit;

/// <summary><c>constant_field</c>: every row that has a value has the same one, so the field cannot tell rows apart.</summary>
internal static class ConstantFieldCheck
{
    public static AuditFinding? Run(FieldColumn column, bool sensitive)
    {
        if (column.Values.Length != 1)
        {
            return null;
        }
        var value = Wording.Quote(SensitiveMask.Apply(column.Values[0], sensitive, column.Type));
        var rows = column.Missing == 0
            ? $"all {Wording.Rows(column.Rows)}"
            : $"all {Wording.Count(column.Present)} rows that have a value ({Wording.Count(column.Missing)} have none)";
        var message = $"{column.Name} is {value} in {rows}; a field that never changes cannot inform a prediction";
        return new AuditFinding(FindingCodes.ConstantField, Severity.Warning, column.Name, message, new Dictionary<string, double>
        {
            ["distinct"] = 1,
            ["present"] = column.Present,
        });
    }
}
