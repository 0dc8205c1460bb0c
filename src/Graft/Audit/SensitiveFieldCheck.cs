using System.Text.RegularExpressions;
using Graft.Data;

namespace Graft.Audit;

/// <summary>
/// Personal data in a field. <c>sensitive_field</c>: the field's values are personal data, at least half of them an
/// email address, phone number, card number or national id (<see cref="SensitivePatterns"/>), or its name says it
/// holds a person's name and most values look like capitalised names. Sensitive fields are not trained on and are
/// masked unless the spec says otherwise. <c>pii_in_text</c>: free text (or a category of sentences) that is not
/// itself personal data but holds some (person names too) inside some values, as a support ticket holds a phone
/// number; it is used, read with each piece replaced by its placeholder (<see cref="TextPlaceholders"/>).
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

    /// <summary>The kinds a finding counts, in the order it names them; person names last.</summary>
    public static readonly (SensitiveKind Kind, string Key, string Words)[] Kinds =
    [
        (SensitiveKind.Email, "email_rows", "email addresses"),
        (SensitiveKind.Phone, "phone_rows", "phone numbers"),
        (SensitiveKind.PaymentCard, "card_rows", "payment card numbers"),
        (SensitiveKind.NationalId, "national_id_rows", "national id numbers"),
        (SensitiveKind.PersonName, "person_name_rows", "person names"),
    ];

    /// <summary>The finding about <paramref name="column"/>, read as <paramref name="type"/> (free text is looked into).</summary>
    public static AuditFinding? Run(FieldColumn column, FieldType type, string role)
    {
        if (role == FieldRoles.Target || column.Present == 0)
        {
            return null;
        }
        var freeText = type is FieldType.Text or FieldType.Category; // a category of sentences holds data as text does
        var namesPeople = PersonNameColumns.Contains(Normalise(column.Name));
        var namesPhone = PhoneColumnWords.Any(w => column.Name.Contains(w, StringComparison.OrdinalIgnoreCase));
        var whole = new SensitiveRowCounts(); // values that are personal data
        var inside = new SensitiveRowCounts(); // free-text values that hold some
        long nameRows = 0;
        for (var code = 0; code < column.Values.Length; code++)
        {
            var (value, count) = (column.Values[code], column.Counts[code]);
            var kind = SensitivePatterns.Classify(value);
            if (kind == SensitiveKind.None && namesPhone && SensitivePatterns.IsBarePhone(value))
            {
                kind = SensitiveKind.Phone;
            }
            whole.Add(kind, count);
            inside.Add(freeText ? SensitivePatterns.Find(value) : SensitiveKind.None, count);
            if (namesPeople && PersonName().IsMatch(value))
            {
                nameRows += count;
            }
        }
        var byName = nameRows >= NameShare * column.Present;
        var byValue = whole.Rows >= ColumnShare * column.Present;
        if (byName || byValue)
        {
            // Report only what made the field sensitive: a few phone numbers in a name column are not the reason.
            var reason = byValue ? whole : new SensitiveRowCounts();
            if (byName)
            {
                reason.SetNames(nameRows);
            }
            return Finding(FindingCodes.SensitiveField, column, reason, (what, where) =>
                $"{column.Name} holds {what} in {where}; it is treated as sensitive: not trained on, and masked in logs and reports, unless the spec says otherwise");
        }
        return inside.Rows == 0 ? null : Finding(FindingCodes.PiiInText, column, inside, (what, where) =>
            $"{column.Name} is {(type == FieldType.Text ? "free text" : "a category")}, and {where} contain {what}; each is replaced by a placeholder ({TextPlaceholders.Email}, "
            + $"{TextPlaceholders.Phone}, …) before training, scoring and logging, so the field is still used");
    }

    private static AuditFinding Finding(string code, FieldColumn column, SensitiveRowCounts counts, Func<string, string, string> message)
    {
        var found = new List<string>();
        var numbers = new Dictionary<string, double> { ["rows"] = counts.Rows, ["present"] = column.Present, ["share"] = (double)counts.Rows / column.Present };
        for (var k = 0; k < Kinds.Length; k++)
        {
            if (counts.ByKind[k] > 0)
            {
                found.Add(Kinds[k].Words);
                numbers[Kinds[k].Key] = counts.ByKind[k];
            }
        }
        var what = found.Count == 1 ? found[0] : string.Join(", ", found[..^1]) + " and " + found[^1];
        var where = $"{Wording.Count(counts.Rows)} of {Wording.Count(column.Present)} rows with a value ({Wording.Share(counts.Rows, column.Present)})";
        return new AuditFinding(code, Severity.Warning, column.Name, message(what, where), numbers);
    }

    private static string Normalise(string name) =>
        string.Concat(name.Where(char.IsLetterOrDigit)).ToLowerInvariant();

    // Capitalised words: "Ada Lovelace", "O'Brien", "Mary-Jane Smith".
    [GeneratedRegex(@"^\p{Lu}[\p{L}'’.-]*\p{Ll}[\p{L}'’.-]*(?: +\p{Lu}[\p{L}'’.-]*)*$")]
    private static partial Regex PersonName();
}
