using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// <c>id_like_field</c>: a field that names rows instead of describing them, either because nearly every value is
/// unique (categories, whole numbers, and text without spaces, since unique prose is normal) or because its name says
/// it is an identifier and most values are unique. A model would memorise it; it is not trained on by default.
/// </summary>
internal static class IdLikeFieldCheck
{
    public const double UniqueShare = 0.95;
    public const double NamedUniqueShare = 0.5;
    private const int MinPresent = 10;
    private const double ProseShare = 0.2;

    public static bool IsIdLike(FieldColumn column)
    {
        if (column.Present < MinPresent || column.Type is FieldType.Boolean or FieldType.Date)
        {
            return false;
        }
        var unique = UniqueOf(column);
        if (LooksLikeIdName(column.Name) && unique >= NamedUniqueShare)
        {
            return true;
        }
        var shapeFits = column.Type switch
        {
            FieldType.Number => column.IsWholeNumbers(),
            FieldType.Text => !IsProse(column),
            _ => true,
        };
        return shapeFits && unique >= UniqueShare;
    }

    public static AuditFinding? Run(FieldColumn column, string role)
    {
        if (role == FieldRoles.Target || !IsIdLike(column))
        {
            return null;
        }
        var unique = UniqueOf(column);
        var message = $"{column.Name} looks like an identifier: {Wording.Count(column.Values.Length)} distinct values in " +
            $"{Wording.Count(column.Present)} rows with a value ({Wording.Percent(unique)} unique)";
        // Nothing to do when the spec already keeps it out of training.
        var expected = role is FieldRoles.Entity or FieldRoles.Excluded;
        message += expected
            ? $"; it is the {(role == FieldRoles.Entity ? "entity key" : "an excluded field")}, so that is expected"
            : "; a model would memorise it rather than learn from it, so it is not trained on unless the spec says train: true";
        return new AuditFinding(FindingCodes.IdLikeField, expected ? Severity.Info : Severity.Warning, column.Name, message,
            new Dictionary<string, double>
            {
                ["distinct"] = column.Values.Length,
                ["present"] = column.Present,
                ["unique_share"] = unique,
            });
    }

    /// <summary><c>id</c>, <c>uuid</c>, <c>guid</c>, <c>key</c>, or ending in <c>_id</c>, <c>-id</c>, <c>_key</c>, <c>ID</c> or camel-case <c>Id</c>.</summary>
    public static bool LooksLikeIdName(string name)
    {
        var lower = name.ToLowerInvariant();
        if (lower is "id" or "uuid" or "guid" or "key")
        {
            return true;
        }
        if (lower.EndsWith("_id", StringComparison.Ordinal) || lower.EndsWith("-id", StringComparison.Ordinal) ||
            lower.EndsWith("_key", StringComparison.Ordinal) || lower.EndsWith("_uuid", StringComparison.Ordinal))
        {
            return true;
        }
        return name.Length > 2 && (name.EndsWith("ID", StringComparison.Ordinal) ||
            (name.EndsWith("Id", StringComparison.Ordinal) && char.IsLower(name[^3])));
    }

    private static double UniqueOf(FieldColumn column) => column.Present == 0 ? 0 : (double)column.Values.Length / column.Present;

    private static bool IsProse(FieldColumn column)
    {
        var spaced = 0;
        foreach (var value in column.Values)
        {
            spaced += value.Contains(' ', StringComparison.Ordinal) ? 1 : 0;
        }
        return spaced >= ProseShare * column.Values.Length;
    }
}
