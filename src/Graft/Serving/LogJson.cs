using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Graft.Serving;

/// <summary>
/// Writes the small JSON texts a prediction record holds (masked inputs, the answer), several per request, with
/// one writer and buffer per thread rather than new ones each time. Escaping is JSON's own, not HTML's: the
/// log is data, and whatever shows it in a page encodes it for the page.
/// </summary>
internal static class LogJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>A cleared writer for this thread; finish with <see cref="Utf8"/> before writing anything else on the thread.</summary>
    public static Utf8JsonWriter Start()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        return writer;
    }

    // Field names, encoded once: they are the use cases' fields (requests naming others are refused), written a dozen
    // times a prediction, and encoding a string name transcodes and escape-checks it each time.
    private const int MostNames = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string Kept, JsonEncodedText Encoded)> Names = new(StringComparer.Ordinal);

    /// <summary>A property name, encoded once and then found (past a bound on how many are kept, encoded each time).</summary>
    public static JsonEncodedText Name(string name) => Name(name, out _);

    /// <summary>
    /// As <see cref="Name(string)"/>, and in <paramref name="kept"/> the same name as first seen: a value that outlives
    /// the request (in the log's queue) holds that one rather than the request's own copy of the text.
    /// </summary>
    public static JsonEncodedText Name(string name, out string kept)
    {
        if (Names.TryGetValue(name, out var known))
        {
            kept = known.Kept;
            return known.Encoded;
        }
        var encoded = JsonEncodedText.Encode(name, Options.Encoder);
        kept = Names.Count < MostNames ? Names.GetOrAdd(name, (name, encoded)).Kept : name;
        return encoded;
    }

    /// <summary>The text written, as the UTF-8 the log stores: it goes to SQLite as it is, without a round trip through a string.</summary>
    public static byte[] Utf8(Utf8JsonWriter writer)
    {
        writer.Flush();
        return t_buffer!.WrittenSpan.ToArray();
    }
}
