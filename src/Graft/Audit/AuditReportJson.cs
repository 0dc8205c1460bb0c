using System.Text.Json;
using System.Text.Json.Serialization;

namespace Graft.Audit;

/// <summary>
/// The audit report as JSON, the form it is stored and served in: snake_case names, enums as lowercase words
/// (<c>"severity": "blocking"</c>, <c>"type": "number"</c>). Contract: the top-level object has <c>fields</c> (each
/// with <c>name</c>, <c>type</c>, <c>completeness</c>) and <c>findings</c> (each with <c>code</c>, <c>severity</c>,
/// <c>field</c>, <c>message</c>).
/// </summary>
public static class AuditReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        // A statistic of an empty column may be NaN; it should still round-trip rather than fail the write.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public static string Write(AuditReport report) => JsonSerializer.Serialize(report, Options);

    public static AuditReport Read(string json) =>
        JsonSerializer.Deserialize<AuditReport>(json, Options) ?? throw new JsonException("the audit report is null");
}
