using System.Text.Json;
using Graft.Audit;
using Graft.Data;
using Graft.UseCases;
using static Graft.Tests.Audit.Frames;

namespace Graft.Tests.Audit;

public class AuditReportJsonTests
{
    private static AuditReport Sample()
    {
        var spec = Spec() with
        {
            Acknowledged = [new Acknowledgement("missing_values", "age", "ana@example.com", "collected from 2016 on")],
        };
        return RunAudit(Of(("label", Labels(5, 5)), ("age", ["31", null, "45", "27", null, "52", "38", "61", "19", "44"])), spec);
    }

    [Fact]
    public void The_json_has_the_contracted_property_names()
    {
        using var json = JsonDocument.Parse(AuditReportJson.Write(Sample()));
        var root = json.RootElement;

        var field = root.GetProperty("fields").EnumerateArray().First(f => f.GetProperty("name").GetString() == "age");
        Assert.Equal("number", field.GetProperty("type").GetString());
        Assert.Equal(0.8, field.GetProperty("completeness").GetDouble(), 9);
        Assert.True(field.GetProperty("use").GetProperty("train").GetBoolean());
        Assert.Equal("input", field.GetProperty("role").GetString());
        Assert.True(field.TryGetProperty("top_values", out _));

        var finding = root.GetProperty("findings").EnumerateArray().First(f => f.GetProperty("code").GetString() == "missing_values");
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("age", finding.GetProperty("field").GetString());
        Assert.Equal("age is missing in 2 of 10 rows (20%)", finding.GetProperty("message").GetString());
        Assert.Equal(2, finding.GetProperty("numbers").GetProperty("missing").GetDouble());
        Assert.Equal("ana@example.com", finding.GetProperty("acknowledged_by").GetString());
        Assert.Equal("binary", root.GetProperty("label").GetProperty("task").GetString());
        Assert.Equal(0, root.GetProperty("blocking").GetInt32());
    }

    [Fact]
    public void A_report_reads_back_as_it_was_written()
    {
        var report = Sample();

        var back = AuditReportJson.Read(AuditReportJson.Write(report));

        Assert.Equal(report.Rows, back.Rows);
        Assert.Equal(report.Fields.Select(f => (f.Name, f.Type, f.Missing, f.Use)), back.Fields.Select(f => (f.Name, f.Type, f.Missing, f.Use)));
        Assert.Equal(report.Field("age")!.Numeric, back.Field("age")!.Numeric);
        var finding = back.Single(FindingCodes.MissingValues, "age");
        Assert.True(finding.Acknowledged);
        Assert.Equal("collected from 2016 on", finding.AcknowledgedReason);
        Assert.Equal(2, finding.Numbers["missing"]);
        Assert.Equal(TaskKind.Binary, back.Label!.Task);
        Assert.Equal(report.Warnings, back.Warnings);
    }

    [Fact]
    public void Severities_are_written_as_lowercase_words()
    {
        var report = new AuditReport("d", "u", 0, 0, [], [
            new AuditFinding("x", Severity.Info, null, "m", new Dictionary<string, double>()),
            new AuditFinding("x", Severity.Blocking, null, "m", new Dictionary<string, double>())], null, null);

        var json = AuditReportJson.Write(report);

        Assert.Contains("\"severity\": \"info\"", json);
        Assert.Contains("\"severity\": \"blocking\"", json);
        Assert.Equal(FieldType.Number, AuditReportJson.Read(AuditReportJson.Write(Sample())).Field("age")!.Type);
    }

    [Fact]
    public void Severity_values_are_frozen_because_reports_are_stored()
    {
        Assert.Equal(1, (int)Severity.Info);
        Assert.Equal(2, (int)Severity.Warning);
        Assert.Equal(3, (int)Severity.Blocking);
    }
}
