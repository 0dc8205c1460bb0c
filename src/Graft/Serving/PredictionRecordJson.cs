using System.IO.Compression;
using System.Text.Json;

namespace Graft.Serving;

/// <summary>
/// A prediction record as a page of the log holds it: one JSON object named as the API names things
/// (<c>id</c>, <c>at</c>, <c>model_version</c>, <c>stage</c>, <c>route</c>, <c>cohort</c>, <c>fallback_reason</c>,
/// <c>entity_id</c>, <c>inputs</c>, <c>output</c>, <c>latency_ms</c>, <c>key_id</c>), members without a value left
/// out. The use case is the page's.
/// </summary>
internal static class PredictionRecordJson
{
    private static readonly JsonEncodedText IdName = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText AtName = JsonEncodedText.Encode("at");
    private static readonly JsonEncodedText ModelVersionName = JsonEncodedText.Encode("model_version");
    private static readonly JsonEncodedText StageName = JsonEncodedText.Encode("stage");
    private static readonly JsonEncodedText RouteName = JsonEncodedText.Encode("route");
    private static readonly JsonEncodedText FallbackReasonName = JsonEncodedText.Encode("fallback_reason");
    private static readonly JsonEncodedText EntityIdName = JsonEncodedText.Encode("entity_id");
    private static readonly JsonEncodedText InputsName = JsonEncodedText.Encode("inputs");
    private static readonly JsonEncodedText OutputName = JsonEncodedText.Encode("output");
    private static readonly JsonEncodedText LatencyMsName = JsonEncodedText.Encode("latency_ms");
    private static readonly JsonEncodedText KeyIdName = JsonEncodedText.Encode("key_id");
    private static readonly JsonEncodedText CohortName = JsonEncodedText.Encode("cohort");

    public static void Write(Utf8JsonWriter json, PredictionRecord record)
    {
        json.WriteStartObject();
        json.WriteString(IdName, record.Id);
        json.WriteString(AtName, record.At);
        Text(json, ModelVersionName, record.ModelVersion);
        json.WriteString(StageName, record.Stage);
        json.WriteString(RouteName, record.Route);
        Text(json, CohortName, record.Cohort);
        Text(json, FallbackReasonName, record.FallbackReason);
        Text(json, EntityIdName, record.EntityId);
        json.WritePropertyName(InputsName);
        if (record.InputsUtf8 is { } inputs) { Raw(json, inputs); } else { Checked(json, record.InputsJson); }
        json.WritePropertyName(OutputName);
        if (record.OutputUtf8 is { } output) { Raw(json, output); } else { Checked(json, record.OutputJson); }
        JsonNumbers.Write(json, LatencyMsName, record.LatencyMs);
        Text(json, KeyIdName, record.KeyId);
        json.WriteEndObject();
    }

    /// <summary>
    /// Records as a page holds them (a gzip-compressed JSON array), for rewriting a page through EF Core (retention);
    /// the log's own writer builds its pages in reused buffers instead.
    /// </summary>
    public static byte[] Page(IEnumerable<PredictionRecord> records)
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        using (var json = new Utf8JsonWriter(gzip, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartArray();
            foreach (var record in records)
            {
                Write(json, record);
            }
            json.WriteEndArray();
        }
        return compressed.ToArray();
    }

    /// <summary>The records of a page (<see cref="PredictionPage.Records"/>, gzip-compressed JSON), each of <paramref name="useCaseId"/>.</summary>
    public static IEnumerable<PredictionRecord> Read(string useCaseId, byte[] records)
    {
        using var page = JsonDocument.Parse(Decompressed(records));
        foreach (var r in page.RootElement.EnumerateArray())
        {
            yield return new PredictionRecord(r.GetProperty("id").GetString()!, useCaseId, r.GetProperty("at").GetDateTime(), Text(r, "model_version"),
                r.GetProperty("stage").GetString()!, r.GetProperty("route").GetString()!, Text(r, "fallback_reason"), Text(r, "entity_id"),
                r.GetProperty("inputs").GetRawText(), r.GetProperty("output").GetRawText(), r.GetProperty("latency_ms").GetDouble(), Text(r, "key_id"), Text(r, "cohort"));
        }
    }

    private static ReadOnlyMemory<byte> Decompressed(byte[] gzip)
    {
        using var unzip = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        var json = new MemoryStream(gzip.Length * 8);
        unzip.CopyTo(json);
        return json.GetBuffer().AsMemory(0, (int)json.Length);
    }

    private static void Text(Utf8JsonWriter json, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    private static string? Text(JsonElement record, string name) =>
        record.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>JSON built for the log in UTF-8 by the log's own writer (<see cref="LogJson"/>): written as it is.</summary>
    private static void Raw(Utf8JsonWriter json, byte[] utf8) => json.WriteRawValue(utf8, skipInputValidation: true);

    /// <summary>JSON that came as text from elsewhere is checked: one malformed record would make its whole page unreadable.</summary>
    private static void Checked(Utf8JsonWriter json, string text) => json.WriteRawValue(text);
}
