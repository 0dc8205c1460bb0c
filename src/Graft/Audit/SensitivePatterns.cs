using System.Text.RegularExpressions;

namespace Graft.Audit;

/// <summary>
/// Recognises personal data in text: email addresses; phone numbers (10-15 digits written with a leading + or at
/// least two separators, so plain numbers and dates do not count); payment card numbers (13-19 digits starting
/// 2-6 that pass the Luhn check); and national ids: US Social Security numbers (###-##-####), UK National
/// Insurance numbers (AB123456C) and Canadian Social Insurance numbers (###-###-### or ### ### ###, Luhn-valid).
/// Inside longer text, person names too (<see cref="PersonNames"/>).
/// </summary>
internal static partial class SensitivePatterns
{
    /// <summary>What the whole value is (one kind at most).</summary>
    public static SensitiveKind Classify(string value)
    {
        var v = value.Trim();
        if (v.Length is < 5 or > 64)
        {
            return SensitiveKind.None;
        }
        if (v.Contains('@', StringComparison.Ordinal) && WholeEmail().IsMatch(v))
        {
            return SensitiveKind.Email;
        }
        // Each kind of number has its own count of digits, so a value is matched only against the kinds it could be:
        // this runs on every entity id a prediction names, and most ("C-000001", "42") are none of them.
        var digits = DigitCount(v, MostDigits);
        if ((digits == SsnDigits && WholeSsn().IsMatch(v)) || (digits == NinoDigits && WholeNino().IsMatch(v))
            || (digits == SinDigits && WholeSin().IsMatch(v) && Luhn(v)))
        {
            return SensitiveKind.NationalId;
        }
        if (digits is >= CardDigits and <= MostDigits && WholeCard().IsMatch(v) && IsCard(v))
        {
            return SensitiveKind.PaymentCard;
        }
        return digits is >= PhoneDigits and <= MostPhoneDigits && WholePhone().IsMatch(v) && IsPhone(v) ? SensitiveKind.Phone : SensitiveKind.None;
    }

    // The digits each kind of number holds (see the patterns below, IsCard and IsPhone).
    private const int NinoDigits = 6;
    private const int SsnDigits = 9;
    private const int SinDigits = 9;
    private const int PhoneDigits = 10;
    private const int MostPhoneDigits = 15;
    private const int CardDigits = 13;
    private const int MostDigits = 19; // a card's most; counting stops past it

    /// <summary>How many ASCII digits <paramref name="text"/> holds, counted up to one past <paramref name="atMost"/>.</summary>
    private static int DigitCount(ReadOnlySpan<char> text, int atMost)
    {
        var count = 0;
        for (var at = text.IndexOfAnyInRange('0', '9'); at >= 0 && count <= atMost; at = text.IndexOfAnyInRange('0', '9'))
        {
            count++;
            text = text[(at + 1)..];
        }
        return count;
    }

    /// <summary>Every kind found anywhere in a longer text.</summary>
    public static SensitiveKind Find(string text)
    {
        var found = SensitiveKind.None;
        if (text.Contains('@', StringComparison.Ordinal) && AnyEmail().IsMatch(text))
        {
            found |= SensitiveKind.Email;
        }
        if (PersonNames.Contains(text))
        {
            found |= SensitiveKind.PersonName;
        }
        // A number of a kind can only be in a text holding at least as many digits as it has (the fewest: a UK
        // National Insurance number's six), so most texts are passed over without running these regexes.
        var digits = DigitCount(text, CardDigits);
        if (digits < NinoDigits)
        {
            return found;
        }
        if ((digits >= SsnDigits && AnySsn().IsMatch(text)) || AnyNino().IsMatch(text) || (digits >= SinDigits && AnyMatch(AnySin(), text, Luhn)))
        {
            found |= SensitiveKind.NationalId;
        }
        if (digits >= CardDigits && AnyMatch(AnyCard(), text, IsCard))
        {
            found |= SensitiveKind.PaymentCard;
        }
        if (digits >= PhoneDigits && AnyMatch(AnyPhone(), text, IsPhone))
        {
            found |= SensitiveKind.Phone;
        }
        return found;
    }

    /// <summary>The text with every email, national id, card and phone number and person name in it replaced by its <see cref="TextPlaceholders"/> placeholder.</summary>
    public static string Replace(string text)
    {
        var found = Find(text);
        if (found == SensitiveKind.None)
        {
            return text;
        }
        var replaced = text;
        if (found.HasFlag(SensitiveKind.Email))
        {
            replaced = AnyEmail().Replace(replaced, TextPlaceholders.Email);
        }
        if (found.HasFlag(SensitiveKind.NationalId))
        {
            replaced = AnySsn().Replace(replaced, TextPlaceholders.NationalId);
            replaced = AnyNino().Replace(replaced, TextPlaceholders.NationalId);
            replaced = AnySin().Replace(replaced, m => Luhn(m.Value) ? TextPlaceholders.NationalId : m.Value);
        }
        // A card number can also read as a phone number, so cards go first and phones are looked for whenever
        // either was found.
        if (found.HasFlag(SensitiveKind.PaymentCard))
        {
            replaced = AnyCard().Replace(replaced, m => IsCard(m.Value) ? TextPlaceholders.Card : m.Value);
        }
        if ((found & (SensitiveKind.Phone | SensitiveKind.PaymentCard)) != 0)
        {
            replaced = AnyPhone().Replace(replaced, m => IsPhone(m.Value) ? TextPlaceholders.Phone : m.Value);
        }
        // Last: the placeholders already written hold no lower-case letters, so none of them reads as a name.
        return found.HasFlag(SensitiveKind.PersonName) ? PersonNames.Replace(replaced, TextPlaceholders.Person) : replaced;
    }

    /// <summary>Digits and separators only, 7-15 digits: a phone number when the field's name says so.</summary>
    public static bool IsBarePhone(string value)
    {
        var digits = 0;
        foreach (var ch in value.AsSpan().Trim())
        {
            if (char.IsAsciiDigit(ch))
            {
                digits++;
            }
            else if (ch is not (' ' or '-' or '.' or '(' or ')' or '+'))
            {
                return false;
            }
        }
        return digits is >= 7 and <= 15;
    }

    public static bool Luhn(string text)
    {
        int sum = 0, position = 0;
        for (var i = text.Length - 1; i >= 0; i--)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                continue;
            }
            var d = text[i] - '0';
            if (position++ % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }
            sum += d;
        }
        return position > 0 && sum % 10 == 0;
    }

    private static bool IsCard(string candidate)
    {
        var digits = Digits(candidate);
        return digits.Length is >= 13 and <= 19 && digits[0] is >= '2' and <= '6' && Luhn(digits);
    }

    private static bool IsPhone(string candidate)
    {
        var digits = Digits(candidate).Length;
        if (digits is < PhoneDigits or > MostPhoneDigits || LeadingDate().IsMatch(candidate) || IpAddress().IsMatch(candidate))
        {
            return false;
        }
        var separators = 0;
        foreach (var ch in candidate)
        {
            separators += ch is ' ' or '-' or '.' or '(' ? 1 : 0;
        }
        return candidate.StartsWith('+') || separators >= 2;
    }

    private static bool AnyMatch(Regex regex, string text, Func<string, bool> confirm)
    {
        foreach (var match in regex.EnumerateMatches(text))
        {
            if (confirm(text.Substring(match.Index, match.Length)))
            {
                return true;
            }
        }
        return false;
    }

    private static string Digits(string text) => string.Concat(text.Where(char.IsAsciiDigit));

    private const string Email = @"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}";
    private const string Ssn = @"(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}";
    private const string Nino = @"(?!BG|GB|NK|KN|TN|NT|ZZ)[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]";
    private const string Sin = @"\d{3}([ -])\d{3}\1\d{3}";
    private const string Card = @"\d(?:[ -]?\d){12,18}";
    private const string Phone = @"\+?\(?\d[\d ().-]{8,20}\d";

    [GeneratedRegex("^" + Email + "$")]
    private static partial Regex WholeEmail();

    [GeneratedRegex(@"(?<![\w.+-])" + Email)]
    private static partial Regex AnyEmail();

    [GeneratedRegex("^" + Ssn + "$")]
    private static partial Regex WholeSsn();

    [GeneratedRegex(@"(?<![\d-])" + Ssn + @"(?![\d-])")]
    private static partial Regex AnySsn();

    [GeneratedRegex("^" + Nino + "$")]
    private static partial Regex WholeNino();

    [GeneratedRegex(@"\b" + Nino + @"\b")]
    private static partial Regex AnyNino();

    [GeneratedRegex("^" + Sin + "$")]
    private static partial Regex WholeSin();

    [GeneratedRegex(@"(?<![\d-])" + Sin + @"(?![\d-])")]
    private static partial Regex AnySin();

    [GeneratedRegex("^" + Card + "$")]
    private static partial Regex WholeCard();

    [GeneratedRegex(@"(?<![\d-])" + Card + @"(?![\d-])")]
    private static partial Regex AnyCard();

    [GeneratedRegex("^" + Phone + "$")]
    private static partial Regex WholePhone();

    [GeneratedRegex(@"(?<![\w+])" + Phone + @"(?!\w)")]
    private static partial Regex AnyPhone();

    [GeneratedRegex(@"^\d{1,3}(?:\.\d{1,3}){3}$")]
    private static partial Regex IpAddress();

    [GeneratedRegex(@"^\D*\d{4}[-/]\d{1,2}[-/]\d{1,2}")]
    private static partial Regex LeadingDate();
}
