using Graft.Audit;
using Graft.Data;
using Graft.UseCases;

namespace Graft.Tests.Audit;

/// <summary>The audit on public datasets whose problems are documented, so it must find exactly those.</summary>
public class RealDataAuditTests
{
    private static readonly Lazy<Frame> Hotel = new(() => TestData.Load("hotel/hotel_bookings.csv"));

    private static UseCaseSpec HotelSpec => new()
    {
        Id = "hotel-cancellation",
        Title = "Will this booking be cancelled?",
        Task = TaskKind.Binary,
        TargetColumn = "is_canceled",
        TargetPositive = "1",
        Metric = "roc_auc",
        Timestamp = new TimestampSpec(null, "arrival_date_year", "arrival_date_month", "arrival_date_day_of_month"),
    };

    [Fact]
    public void Telco_has_eleven_missing_total_charges_an_id_and_no_leakage()
    {
        var frame = TestData.Load("telco/WA_Fn-UseC_-Telco-Customer-Churn.csv");
        var spec = new UseCaseSpec
        {
            Id = "churn-risk", Title = "Churn risk", Task = TaskKind.Binary, TargetColumn = "Churn", TargetPositive = "Yes",
            Metric = "roc_auc", Entity = "customerID",
        };

        var report = DataAuditor.Run(frame, spec, "telco.csv");

        Assert.Equal(11, report.Field("TotalCharges")!.Missing);
        var missing = report.Single(FindingCodes.MissingValues, "TotalCharges");
        Assert.Equal(11, missing.Numbers["missing"]);
        Assert.Equal("TotalCharges is missing in 11 of 7,043 rows (0.16%)", missing.Message);
        Assert.True(report.Has(FindingCodes.IdLikeField, "customerID"));
        Assert.False(report.Field("customerID")!.Use.Train);
        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.LeakageSuspect);
        Assert.Equal(1869, report.Label!.Classes.Single(c => c.Value == "Yes").Count);
        Assert.Equal(0, report.Blocking);
    }

    [Fact]
    public void Hotel_reservation_status_is_a_blocking_leakage_suspect()
    {
        var report = DataAuditor.Run(Hotel.Value, HotelSpec, "hotel_bookings.csv");

        var leak = report.Single(FindingCodes.LeakageSuspect, "reservation_status");
        Assert.Equal(Severity.Blocking, leak.Severity);
        Assert.True(leak.Numbers["roc_auc"] > 0.99);
        Assert.Equal(1, report.Blocking);
        Assert.DoesNotContain(report.Findings, f => f.Field == "is_canceled" && f.Code == FindingCodes.LeakageSuspect);
        Assert.Equal(FieldRoles.Target, report.Field("is_canceled")!.Role);
        Assert.Equal(44224, report.Label!.Classes.Single(c => c.Value == "1").Count);
    }

    [Fact]
    public void Hotel_with_reservation_status_excluded_has_nothing_blocking()
    {
        var report = DataAuditor.Run(Hotel.Value, HotelSpec with { Exclude = ["reservation_status"] }, "hotel_bookings.csv");

        Assert.Equal(0, report.Blocking);
        Assert.Equal(Severity.Info, report.Single(FindingCodes.LeakageSuspect, "reservation_status").Severity);
        Assert.Equal(FieldRoles.Excluded, report.Field("reservation_status")!.Role);
    }

    [Fact]
    public void Hotel_arrivals_cover_26_months_without_gaps()
    {
        var report = DataAuditor.Run(Hotel.Value, HotelSpec, "hotel_bookings.csv");

        var time = report.Time!;
        Assert.Equal(new DateTime(2015, 7, 1), time.First);
        Assert.Equal(new DateTime(2017, 8, 31), time.Last);
        Assert.Equal(26, time.PerMonth.Count);
        Assert.Empty(time.EmptyMonths);
        Assert.Equal(0, time.RowsWithoutTime);
        Assert.Equal(Severity.Info, report.Single(FindingCodes.TimeCoverage, null).Severity);
    }

    [Fact]
    public void Banking77_free_text_is_neither_an_id_nor_a_leak()
    {
        var frame = TestData.Load("banking77/train.csv");
        var spec = new UseCaseSpec { Id = "intent", Title = "Intent", Task = TaskKind.Multiclass, TargetColumn = "category", Metric = "accuracy" };

        var report = DataAuditor.Run(frame, spec, "banking77.csv");

        Assert.Equal(FieldType.Text, report.Field("text")!.Type);
        Assert.False(report.Has(FindingCodes.IdLikeField, "text"));
        Assert.False(report.Has(FindingCodes.LeakageSuspect, "text"));
        Assert.True(report.Field("text")!.Use.Train);
        Assert.Equal(77, report.Label!.Classes.Count);
    }

    [Fact]
    public void Progress_runs_from_zero_to_one()
    {
        var seen = new RecordedProgress();

        DataAuditor.Run(TestData.Load("telco/WA_Fn-UseC_-Telco-Customer-Churn.csv"),
            new UseCaseSpec { Id = "churn", Title = "Churn", Task = TaskKind.Binary, TargetColumn = "Churn", Metric = "roc_auc" }, "telco.csv", seen);

        Assert.All(seen.Values, v => Assert.InRange(v, 0, 1));
        Assert.Equal(1, seen.Values.Last());
    }

    private sealed class RecordedProgress : IProgress<double>
    {
        public List<double> Values { get; } = [];

        public void Report(double value)
        {
            lock (Values)
            {
                Values.Add(value);
            }
        }
    }
}
