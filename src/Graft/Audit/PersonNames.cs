using System.Buffers;
using System.Text.RegularExpressions;

namespace Graft.Audit;

/// <summary>
/// Finds person names inside free text, conservatively: only where the text itself says a name follows. A name is
/// one to three capitalised words ("Jane", "Jane Doe", "O'Brien", "McDonald", "Mary-Jane") after
/// <list type="bullet">
/// <item>an honorific: Mr, Mrs, Ms, Mx, Miss, Dr, Prof, Sir or Dame, with or without a full stop and an initial
/// ("Mr. Smith", "Dr Jane Doe", "Mrs J. Khan"); the honorific is part of the name;</item>
/// <item>"my name is" or "my name's" ("My name is Jane Doe");</item>
/// <item>"this is" (or "This is") at the start of the text or of a sentence, or after a greeting ("Hi, this is
/// Jane"), when the name ends the sentence or is followed by "from", "here", "speaking", "calling" or "again"; days
/// and months are not names ("This is Monday.").</item>
/// </list>
/// Limits: a name without one of these cues is not found ("Jane called yesterday", "ask Jane Doe"), nor one written
/// in lower case or capitals ("my name is jane", "MR SMITH", "THIS IS JANE") or in a script without capitals; a
/// capitalised word that is not a name is taken for one when a cue precedes it ("Dr Pepper"). A capitalised word at
/// the start of a sentence is never a name by itself.
/// </summary>
internal static partial class PersonNames
{
    // Every cue holds one of these (the honorifics as in Titled, whole words), so a text with none of them, as most
    // are, is passed over without running a regex.
    private static readonly string[] Honorifics = ["Mr", "Mrs", "Ms", "Mx", "Miss", "Dr", "Prof", "Sir", "Dame"];
    private static readonly SearchValues<char> HonorificInitials = SearchValues.Create("DMPS");

    public static bool Contains(string text) => MayContain(text) && (Titled().IsMatch(text) || Introduced().IsMatch(text));

    /// <summary>The text with each name replaced by <paramref name="placeholder"/>; an introduction's words stay ("my name is &lt;PERSON&gt;").</summary>
    public static string Replace(string text, string placeholder)
    {
        if (!MayContain(text))
        {
            return text;
        }
        var replaced = Titled().Replace(text, placeholder);
        return Introduced().Replace(replaced, m =>
        {
            var name = m.Groups["name"];
            return string.Concat(m.Value.AsSpan(0, name.Index - m.Index), placeholder, m.Value.AsSpan(name.Index - m.Index + name.Length));
        });
    }

    private static bool MayContain(ReadOnlySpan<char> text)
    {
        if (text.Contains("his is", StringComparison.Ordinal) || text.Contains("y name", StringComparison.Ordinal))
        {
            return true;
        }
        for (var at = text.IndexOfAny(HonorificInitials); at >= 0; at = text.IndexOfAny(HonorificInitials))
        {
            text = text[at..];
            // The honorifics' second letters: most capitals (a sentence's "Do", "My", "Please") fail this at once.
            if (text.Length > 1 && text[1] is ('r' or 's' or 'x' or 'i' or 'a') && IsHonorificAtStart(text))
            {
                return true;
            }
            text = text[1..];
        }
        return false;
    }

    private static bool IsHonorificAtStart(ReadOnlySpan<char> text)
    {
        foreach (var honorific in Honorifics)
        {
            if (text.StartsWith(honorific, StringComparison.Ordinal) && (text.Length == honorific.Length || !char.IsLetter(text[honorific.Length])))
            {
                return true;
            }
        }
        return false;
    }

    private const string Word = @"(?:\p{Lu}['’])?\p{Lu}\p{Ll}+(?:\p{Lu}\p{Ll}+)?(?:-\p{Lu}\p{Ll}+)?";
    private const string Name = Word + "(?: " + Word + "){0,2}(?!\\p{L})";
    private const string Calendar = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)\\b";
    // A look behind, so the search starts at the literal "this is", which the regex engine finds fast.
    private const string SentenceStart = @"(?<=(?:^|[.!?]\s+|(?i:\b(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)))[,!.]?\s+))";
    private const string NameEnds = @"(?=\s*(?:$|[,.!?;:)]|\s(?:from|here|speaking|calling|again)\b))";

    [GeneratedRegex(@"\b(?:Mrs|Mr|Ms|Mx|Miss|Dr|Prof|Sir|Dame)\b\.? +(?:\p{Lu}\. ?)?" + Name)]
    private static partial Regex Titled();

    [GeneratedRegex(@"\b[Mm]y name(?: is|'s|’s) +(?<name>" + Name + ")|" + SentenceStart + "[Tt]his is +(?!" + Calendar + ")(?<name>" + Name + ")" + NameEnds)]
    private static partial Regex Introduced();
}
