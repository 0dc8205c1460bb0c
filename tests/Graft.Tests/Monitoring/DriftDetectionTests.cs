using System.Globalization;
using System.Text.Json;
using Graft.Data;
using Graft.Monitoring;

namespace Graft.Tests.Monitoring;

/// <summary>
/// Drift as monitoring finds it, on the hotel bookings (../shared/datasets/hotel): a reference profile of 60,000
/// bookings, and later windows of bookings it did not see, counted by <see cref="ReferenceBins"/> from the JSON the
/// log writes. Shifting two fields flags exactly those two; windows of unshifted bookings stay quiet.
/// </summary>
public class DriftDetectionTests
{
    private static readonly string[] NumericFields = ["lead_time", "adr", "stays_in_week_nights", "arrival_date_week_number", "total_of_special_requests", "booking_changes"];
    private static readonly string[] CategoricalFields = ["market_segment", "meal", "customer_type", "deposit_type", "reserved_room_type"];

    private static readonly Lazy<Hotel> Data = new(Hotel.Load);

    private sealed record Hotel(ReferenceProfile Reference, List<Dictionary<string, object?>> Unseen)
    {
        public static Hotel Load()
        {
            var frame = DelimitedFile.Read(File.ReadAllBytes(TestData.PathOf("hotel/hotel_bookings.csv")), "hotel_bookings.csv");
            var order = Enumerable.Range(0, frame.RowCount).OrderBy(_ => 0).ToArray();
            new Random(7).Shuffle(order);
            var (reference, unseen) = (order[..60_000], order[60_000..]);
            var inputs = NumericFields.Select(f => ReferenceProfile.Numeric(f, [.. reference.Select(r => Number(frame.Column(f)[r]))]))
                .Concat(CategoricalFields.Select(f => ReferenceProfile.Categorical(f, [.. reference.Select(r => frame.Column(f)[r])])))
                .ToList();
            var rows = unseen.Select(r => NumericFields.ToDictionary(f => f, f => (object?)Number(frame.Column(f)[r]))
                .Concat(CategoricalFields.ToDictionary(f => f, f => (object?)frame.Column(f)[r])).ToDictionary()).ToList();
            return new Hotel(new ReferenceProfile(inputs, ReferenceProfile.Numeric("score", [0.1, 0.5, 0.9])), rows);
        }
    }

    private static double Number(string? text) => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;

    /// <summary>The rows as the log's writer would count them: each one's inputs as JSON, through the reference's bins.</summary>
    private static WindowSummary Window(ReferenceProfile reference, IEnumerable<Dictionary<string, object?>> rows)
    {
        var bins = new ReferenceBins(reference);
        var summary = new WindowSummary();
        var output = "{\"label\":\"yes\",\"score\":0.5}"u8.ToArray();
        foreach (var row in rows)
        {
            var inputs = JsonSerializer.SerializeToUtf8Bytes(row.Where(p => p.Value is not double d || !double.IsNaN(d)).ToDictionary());
            bins.Count(inputs, output, summary);
        }
        return summary;
    }

    [Fact]
    public void Two_shifted_fields_of_real_bookings_are_flagged_and_only_they()
    {
        var hotel = Data.Value;
        var rng = new Random(11);
        var shifted = hotel.Unseen.Take(5_000).Select(row =>
        {
            var copy = new Dictionary<string, object?>(row);
            copy["lead_time"] = (double)row["lead_time"]! + 40; // booked six weeks further ahead
            if (rng.NextDouble() < 0.3)
            {
                copy["market_segment"] = "Groups";
            }
            return copy;
        });
        var drift = MonitoringReader.Drift(hotel.Reference, Window(hotel.Reference, shifted), MonitoringPolicy.Default);

        Assert.Equal(["lead_time", "market_segment"], drift.Fields.Where(f => f.Drifted == true).Select(f => f.Field).Order());
        Assert.All(drift.Fields, f => Assert.Equal(5_000, f.CurrentCount + (long)Math.Round(f.CurrentMissing * 5_000)));
        Assert.Equal("wasserstein", drift.Fields.Single(f => f.Field == "lead_time").Method); // 60,000 reference rows: distances, not tests
        Assert.Equal("jensenshannon", drift.Fields.Single(f => f.Field == "market_segment").Method);
        Assert.Equal(2.0 / 11, drift.ShareDrifted!.Value, 12);
        Assert.False(drift.DatasetDrifted);
        Assert.True(drift.Fields.Single(f => f.Field == "lead_time").Psi > 0.05);
    }

    /// <summary>The documented false-alarm rate (docs/monitoring.md): under 1 % of field verdicts on windows of 2,000 unshifted values.</summary>
    [Fact]
    public void Windows_of_unshifted_bookings_raise_almost_no_false_alarms_over_200_trials()
    {
        var hotel = Data.Value;
        var rng = new Random(3);
        var (verdicts, alarms, datasetAlarms) = (0, 0, 0);
        for (var trial = 0; trial < 200; trial++)
        {
            var sample = Enumerable.Range(0, 2_000).Select(_ => hotel.Unseen[rng.Next(hotel.Unseen.Count)]);
            var drift = MonitoringReader.Drift(hotel.Reference, Window(hotel.Reference, sample), MonitoringPolicy.Default);
            verdicts += drift.Fields.Count(f => f.Drifted is not null);
            alarms += drift.Fields.Count(f => f.Drifted == true);
            datasetAlarms += drift.DatasetDrifted == true ? 1 : 0;
        }
        Assert.Equal(200 * 11, verdicts);
        Assert.InRange((double)alarms / verdicts, 0, 0.01);
        Assert.Equal(0, datasetAlarms);
    }

    [Fact]
    public void A_window_with_too_few_values_gives_no_verdict()
    {
        var hotel = Data.Value;
        var drift = MonitoringReader.Drift(hotel.Reference, Window(hotel.Reference, hotel.Unseen.Take(99)), MonitoringPolicy.Default);
        Assert.All(drift.Fields, f => Assert.Equal((FieldDrift.InsufficientData, (bool?)null, (double?)null), (f.Verdict, f.Drifted, f.Statistic)));
        Assert.Equal(99, drift.Fields.Single(f => f.Field == "lead_time").CurrentCount);
        Assert.Null(drift.ShareDrifted);
        Assert.Null(drift.DatasetDrifted);
    }

    [Fact]
    public void A_small_reference_is_tested_and_the_spec_may_choose_the_method_and_threshold()
    {
        var hotel = Data.Value;
        var small = new ReferenceProfile([ReferenceProfile.Numeric("lead_time", [.. hotel.Unseen.Take(800).Select(r => (double)r["lead_time"]!)]),
            ReferenceProfile.Categorical("meal", [.. hotel.Unseen.Take(800).Select(r => (string?)r["meal"])])], hotel.Reference.Score);
        var window = Window(small, hotel.Unseen.Skip(1_000).Take(3_000));
        var drift = MonitoringReader.Drift(small, window, MonitoringPolicy.Default);
        Assert.Equal(["ks", "chisquare"], drift.Fields.OrderBy(f => f.Field == "meal").Select(f => f.Method));
        Assert.All(drift.Fields, f => Assert.True(f.Statistic > 0.05, $"{f.Field}: p = {f.Statistic}")); // the same bookings: no drift
        Assert.All(drift.Fields, f => Assert.NotNull(f.TestStatistic));

        var strict = MonitoringPolicy.Default with { Fields = new Dictionary<string, DriftSetting> { ["lead_time"] = new(DriftMethod.Psi, 0.000001) } };
        var psi = MonitoringReader.Drift(small, window, strict).Fields.Single(f => f.Field == "lead_time");
        Assert.Equal(("psi", 0.000001, true, psi.Psi), (psi.Method, psi.Threshold, psi.Drifted, psi.Statistic));
    }

    [Fact]
    public void Summaries_counted_in_two_parts_and_added_equal_the_summary_of_the_whole()
    {
        var hotel = Data.Value;
        var rows = hotel.Unseen.Take(3_000).ToList();
        var whole = Window(hotel.Reference, rows);
        var (a, b) = (Window(hotel.Reference, rows.Where((_, i) => i % 3 == 0)), Window(hotel.Reference, rows.Where((_, i) => i % 3 != 0)));
        b.Add(a); // the other order from the way they were counted
        Assert.Equal(JsonSerializer.Serialize(whole), JsonSerializer.Serialize(b));
    }
}
