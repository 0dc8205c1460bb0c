using Graft.Data;
using Graft.Audit;
using Graft.UseCases;
using static Graft.Tests.Audit.Frames;

namespace Graft.Tests.Audit;

public class TimeCoverageTests
{
    [Fact]
    public void Coverage_reports_the_span_months_and_empty_months()
    {
        var spec = Spec() with { Timestamp = new TimestampSpec("created") };
        var report = RunAudit(Of(("label", Labels(2, 2)), ("created", ["2020-01-15", "2020-02-10", "2020-04-01", "2020-04-30"])), spec);

        var finding = report.Single(FindingCodes.TimeCoverage, null);
        Assert.Equal(Severity.Info, finding.Severity);
        Assert.Equal(4, finding.Numbers["months"]);
        Assert.Equal(1, finding.Numbers["empty_months"]);
        Assert.Contains("Rows run from 2020-01-15 to 2020-04-30", finding.Message);
        Assert.Contains("1 month has no rows: 2020-03", finding.Message);
        var time = report.Time!;
        Assert.Equal(new[] { "2020-03" }, time.EmptyMonths);
        Assert.Equal(new[] { new ValueCount("2020", 4) }, time.PerYear);
        Assert.Equal(2, time.PerMonth[^1].Count);
    }

    [Fact]
    public void Rows_without_a_readable_time_make_it_a_warning()
    {
        var spec = Spec() with { Timestamp = new TimestampSpec("created") };
        var report = RunAudit(Of(("label", Labels(2, 2)), ("created", ["2020-01-15", null, "soon", "2020-01-20"])), spec);

        var finding = report.Single(FindingCodes.TimeCoverage, null);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(2, finding.Numbers["rows_without_time"]);
        Assert.Contains("2 of 4 rows (50%) have no readable time in created", finding.Message);
    }

    [Fact]
    public void Year_month_and_day_fields_make_a_time_with_month_names()
    {
        var spec = Spec() with { Timestamp = new TimestampSpec(null, "year", "month", "day") };
        var report = RunAudit(Of(
            ("label", Labels(2, 2)),
            ("year", ["2016", "2016", "2017", "2016"]),
            ("month", ["July", "aug", "1", "February"]),
            ("day", ["31", "1", "2", "30"])), spec);

        var time = report.Time!;
        Assert.Equal(new DateTime(2016, 7, 31), time.First);
        Assert.Equal(new DateTime(2017, 1, 2), time.Last);
        Assert.Equal(3, time.RowsWithTime);
        Assert.Equal(1, time.RowsWithoutTime); // 30 February
        Assert.Equal(FieldRoles.Timestamp, report.Field("year")!.Role);
        Assert.Equal(FieldRoles.Input, report.Field("month")!.Role); // seasonality is signal; the year only names the period
    }

    [Theory]
    [InlineData("July", 7)]
    [InlineData("jul", 7)]
    [InlineData("DECEMBER", 12)]
    [InlineData("12", 12)]
    [InlineData("13", null)]
    [InlineData("Juli", null)]
    public void Months_read_as_numbers_or_english_names(string text, int? month) =>
        Assert.Equal(month, RowTimes.Month(text));

    [Fact]
    public void Without_a_timestamp_there_is_no_time_coverage()
    {
        var report = RunAudit(Of(("label", Labels(2, 2)), ("created", ["2020-01-15", "2020-02-10", "2020-04-01", "2020-04-30"])));

        Assert.Null(report.Time);
        Assert.False(report.Has(FindingCodes.TimeCoverage, null));
    }
}
