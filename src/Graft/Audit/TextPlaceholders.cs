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
    public static string? Apply(string? text) => text is null ? null : SensitivePatterns.Replace(text);
}
