using System.Globalization;
using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// <c>time_coverage</c>: when the rows happened, if the spec names a timestamp. The span, rows per year and month and
/// the empty months in between are worth knowing before a time-based split (info); rows with no readable time are a
/// warning, because a time split cannot place them.
/// </summary>
internal static class TimeCoverageCheck
{
    public static (AuditFinding Finding, TimeCoverageSummary Summary) Run(TimestampSpec spec, DateTime?[] times)
    {
        var rows = times.Length;
        var perMonth = new SortedDictionary<int, int>();
        DateTime? first = null, last = null;
        var timed = 0;
        foreach (var time in times)
        {
            if (time is not { } t)
            {
                continue;
            }
            timed++;
            first = first is null || t < first ? t : first;
            last = last is null || t > last ? t : last;
            var key = (t.Year * 12) + t.Month - 1;
            perMonth[key] = perMonth.GetValueOrDefault(key) + 1;
        }
        var months = new List<ValueCount>();
        var empty = new List<string>();
        var years = new SortedDictionary<int, int>();
        if (perMonth.Count > 0)
        {
            for (var key = perMonth.Keys.First(); key <= perMonth.Keys.Last(); key++)
            {
                var count = perMonth.GetValueOrDefault(key);
                months.Add(new ValueCount(Period(key), count));
                years[key / 12] = years.GetValueOrDefault(key / 12) + count;
                if (count == 0)
                {
                    empty.Add(Period(key));
                }
            }
        }
        var perYear = years.Select(y => new ValueCount(y.Key.ToString(CultureInfo.InvariantCulture), y.Value)).ToList();
        var summary = new TimeCoverageSummary(spec.Describe(), first, last, timed, rows - timed, perYear, months, empty);
        return (Finding(summary, rows), summary);
    }

    private static AuditFinding Finding(TimeCoverageSummary s, int rows)
    {
        var numbers = new Dictionary<string, double>
        {
            ["rows_with_time"] = s.RowsWithTime,
            ["rows_without_time"] = s.RowsWithoutTime,
            ["months"] = s.PerMonth.Count,
            ["empty_months"] = s.EmptyMonths.Count,
        };
        if (s.First is not { } first || s.Last is not { } last)
        {
            return new AuditFinding(FindingCodes.TimeCoverage, Severity.Warning, null,
                $"No row has a readable time in {s.Source}; a time-based split is not possible", numbers);
        }
        numbers["span_days"] = (last - first).TotalDays;
        var years = string.Join(", ", s.PerYear.Select(y => $"{y.Value}: {Wording.Count(y.Count)}"));
        var message = $"Rows run from {Day(first)} to {Day(last)} ({Wording.Count(s.PerMonth.Count)} months; rows per year {years})";
        message += s.EmptyMonths.Count == 0
            ? "; no month in between is empty"
            : $"; {Wording.Count(s.EmptyMonths.Count)} month{(s.EmptyMonths.Count == 1 ? " has" : "s have")} no rows: {string.Join(", ", s.EmptyMonths.Take(12))}{(s.EmptyMonths.Count > 12 ? ", …" : "")}";
        if (s.RowsWithoutTime > 0)
        {
            message += $". {Wording.Count(s.RowsWithoutTime)} of {Wording.Rows(rows)} ({Wording.Share(s.RowsWithoutTime, rows)}) have no readable time in {s.Source}; a time-based split cannot place them";
        }
        return new AuditFinding(FindingCodes.TimeCoverage, s.RowsWithoutTime > 0 ? Severity.Warning : Severity.Info, null, message, numbers);
    }

    private static string Period(int key) =>
        string.Create(CultureInfo.InvariantCulture, $"{key / 12:D4}-{(key % 12) + 1:D2}");

    private static string Day(DateTime time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
