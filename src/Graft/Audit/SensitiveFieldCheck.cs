using System.Text.RegularExpressions;
using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// <c>sensitive_field</c>: a field holding personal data. A column is sensitive when at least half its values are
/// email addresses, phone numbers, card numbers or national ids (<see cref="SensitivePatterns"/>), or when its name
/// says it holds a person's name and most values look like capitalised names. Free text is sensitive when any
/// value contains such data. Sensitive fields are not trained on and are masked unless the spec says otherwise.
/// </summary>
internal static partial class SensitiveFieldCheck
{
    public const double ColumnShare = 0.5;
    public const double NameShare = 0.8;

    private static readonly HashSet<string> PersonNameColumns = new(StringComparer.Ordinal)
    {
        "name", "firstname", "lastname", "fullname", "customername", "contact", "contactname", "surname",
        "givenname", "familyname", "middlename", "personname",
    };
    private static readonly string[] PhoneColumnWords = ["phone", "mobile", "telephone", "fax"];
    private static readonly (SensitiveKind Kind, string Key, string Words)[] Kinds =
    [
        (SensitiveKind.Email, "email_rows", "email addresses"),
        (SensitiveKind.Phone, "phone_rows", "phone numbers"),
        (SensitiveKind.PaymentCard, "card_rows", "payment card numbers"),
        (SensitiveKind.NationalId, "national_id_rows", "national id numbers"),
        (SensitiveKind.PersonName, "person_name_rows", "person names"),
    ];

    public static AuditFinding? Run(FieldColumn column, string role)
    {
        if (role == FieldRoles.Target || column.Present == 0)
        {
            return null;
        }
        var freeText = column.Type == FieldType.Text;
        var namesPeople = PersonNameColumns.Contains(Normalise(column.Name));
        var namesPhone = PhoneColumnWords.Any(w => column.Name.Contains(w, StringComparison.OrdinalIgnoreCase));
        var rowsByKind = new long[Kinds.Length];
        long rows = 0, nameRows = 0;
        for (var code = 0; code < column.Values.Length; code++)
        {
            var value = column.Values[code];
            var kinds = freeText ? SensitivePatterns.Find(value) : SensitivePatterns.Classify(value);
            if (kinds == SensitiveKind.None && namesPhone && SensitivePatterns.IsBarePhone(value))
            {
                kinds = SensitiveKind.Phone;
            }
            if (namesPeople && PersonName().IsMatch(value))
            {
                nameRows += column.Counts[code];
            }
            if (kinds == SensitiveKind.None)
            {
                continue;
            }
            rows += column.Counts[code];
            for (var k = 0; k < Kinds.Length; k++)
            {
                rowsByKind[k] += kinds.HasFlag(Kinds[k].Kind) ? column.Counts[code] : 0;
            }
        }
        var byName = nameRows >= NameShare * column.Present;
        var byValue = freeText ? rows > 0 : rows >= ColumnShare * column.Present;
        if (!byName && !byValue)
        {
            return null;
        }
        // Report only what made the field sensitive: a few phone numbers in a name column are not the reason.
        if (!byValue)
        {
            Array.Clear(rowsByKind);
            rows = 0;
        }
        if (byName)
        {
            rowsByKind[^1] = nameRows; // person names come last in Kinds
            rows = Math.Max(rows, nameRows);
        }
        return Finding(column, freeText, rows, rowsByKind);
    }

    private static AuditFinding Finding(FieldColumn column, bool freeText, long rows, long[] rowsByKind)
    {
        var found = new List<string>();
        var numbers = new Dictionary<string, double> { ["rows"] = rows, ["present"] = column.Present, ["share"] = (double)rows / column.Present };
        for (var k = 0; k < Kinds.Length; k++)
        {
            if (rowsByKind[k] > 0)
            {
                found.Add(Kinds[k].Words);
                numbers[Kinds[k].Key] = rowsByKind[k];
            }
        }
        var what = found.Count == 1 ? found[0] : string.Join(", ", found[..^1]) + " and " + found[^1];
        var where = $"{Wording.Count(rows)} of {Wording.Count(column.Present)} rows with a value ({Wording.Share(rows, column.Present)})";
        var message = freeText
            ? $"{column.Name} is free text, and {where} contain {what}"
            : $"{column.Name} holds {what} in {where}";
        message += "; it is treated as sensitive: not trained on, and masked in logs and reports, unless the spec says otherwise";
        return new AuditFinding(FindingCodes.SensitiveField, Severity.Warning, column.Name, message, numbers);
    }

    private static string Normalise(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    // Capitalised words: "Ada Lovelace", "O'Brien", "Mary-Jane Smith".
    [GeneratedRegex(@"^\p{Lu}[\p{L}'’.-]*\p{Ll}[\p{L}'’.-]*(?: +\p{Lu}[\p{L}'’.-]*)*$")]
    private static partial Regex PersonName();
}
