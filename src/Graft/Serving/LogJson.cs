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

    /// <summary>The text written, as the UTF-8 the log stores: it goes to SQLite as it is, without a round trip through a string.</summary>
    public static byte[] Utf8(Utf8JsonWriter writer)
    {
        writer.Flush();
        return t_buffer!.WrittenSpan.ToArray();
    }
}
