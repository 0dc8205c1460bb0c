using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace Graft.Serving;

/// <summary>
/// Writes a double as JSON, the quick way when it is a decimal of at most nine places below a million: nearly
/// every number a request, an answer or the log holds (whole-number inputs, seven-digit scores, six-place
/// contributions). Its digits then come from a long instead of the general formatter's search for the shortest
/// text that reads back as the same double, which costs several times more and runs a dozen times a prediction.
/// The text is the same shortest one, except that a value below 0.0001 is written out (0.00001, not 1E-05).
/// </summary>
internal static class JsonNumbers
{
    private const double Scale = 1e9; // nine places
    private const double Below = 1e6; // with the nine places, fifteen significant digits: each such decimal is its own double

    public static void Write(Utf8JsonWriter json, double value)
    {
        Span<byte> text = stackalloc byte[24];
        if (TryFormat(value, text, out var written))
        {
            json.WriteRawValue(text[..written], skipInputValidation: true);
        }
        else
        {
            json.WriteNumberValue(value);
        }
    }

    public static void Write(Utf8JsonWriter json, JsonEncodedText name, double value)
    {
        json.WritePropertyName(name);
        Write(json, value);
    }

    /// <summary>
    /// The value's shortest text when it is a decimal of at most nine places below a million (a double is that
    /// decimal when dividing its scaled, rounded units back gives the double itself); false otherwise, and for -0.
    /// </summary>
    public static bool TryFormat(double value, Span<byte> text, out int written)
    {
        written = 0;
        var units = Math.Round(value * Scale);
        if (!(Math.Abs(value) < Below) || units / Scale != value || (value == 0 && double.IsNegative(value)) || text.Length < 24)
        {
            return false;
        }
        var n = (long)units;
        if (n < 0)
        {
            text[written++] = (byte)'-';
            n = -n;
        }
        var (whole, fraction) = Math.DivRem(n, (long)Scale);
        Utf8Formatter.TryFormat(whole, text[written..], out var digits);
        written += digits;
        if (fraction != 0)
        {
            text[written++] = (byte)'.';
            Utf8Formatter.TryFormat(fraction, text[written..], out digits, new StandardFormat('D', 9));
            written += digits;
            while (text[written - 1] == '0')
            {
                written--;
            }
        }
        return true;
    }
}
