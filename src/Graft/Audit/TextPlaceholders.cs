namespace Graft.Audit;

/// <summary>
/// Free text as models, logs and reports see it: each email address, phone number, payment card number, national
/// id and person name in it (<see cref="SensitivePatterns"/>, <see cref="PersonNames"/>) replaced by a placeholder
/// naming its kind, so "call me on +44 20 7946 0958" reads "call me on &lt;PHONE&gt;". Training and serving both
/// read text through this, so a model learns from and is asked about the same tokens and never sees the raw data.
/// A text without any is returned as it is (the same string), cheaply: most texts have no '@', fewer than six
/// digits and no name cue, and are passed over without a regex.
/// </summary>
public static class TextPlaceholders
{
    public const string Email = "<EMAIL>";
    public const string Phone = "<PHONE>";
    public const string Card = "<CARD>";
    public const string NationalId = "<NATIONAL_ID>";
    public const string Person = "<PERSON>";

    /// <summary>The text with every piece of personal data in it replaced by its placeholder; null stays null.</summary>
    public static string? Apply(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var seen = t_seen ??= new string[Remembered];
        var replaced = t_replaced ??= new string[Remembered];
        for (var i = 0; i < Remembered; i++)
        {
            if (ReferenceEquals(seen[i], text))
            {
                return replaced[i];
            }
        }
        var result = SensitivePatterns.Replace(text);
        seen[t_next] = text;
        replaced[t_next] = result;
        t_next = (t_next + 1) % Remembered;
        return result;
    }

    // The last texts this thread replaced, by reference: a prediction reads each text value several times (to score it,
    // to check it against training's categories, to log it), the same string each time, and looking for personal data
    // in it is the costly part. A string never changes, so the same reference always gives the same answer.
    private const int Remembered = 16;

    [ThreadStatic]
    private static string[]? t_seen;

    [ThreadStatic]
    private static string[]? t_replaced;

    [ThreadStatic]
    private static int t_next;
}
