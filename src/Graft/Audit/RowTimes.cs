using Graft.Data;
using Graft.UseCases;

namespace Graft.Audit;

/// <summary>
/// Each row's time as the spec's <see cref="TimestampSpec"/> describes it: one date field, or year, month and day
/// fields where the month is a number or an English month name ("July", "Jul"). Rows without a readable time are
/// null. Each distinct value is read once.
/// </summary>
internal static class RowTimes
{
    private static readonly string[] MonthNames =
    [
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    ];

    public static DateTime?[] Read(TimestampSpec spec, Func<string, FieldColumn?> column, int rows)
    {
        var times = new DateTime?[rows];
        if (spec.Field is not null)
        {
            if (column(spec.Field) is { } field)
            {
                var dates = Parse<DateTime>(field, text => Values.TryDate(text, out var d) ? d : null);
                for (var row = 0; row < rows; row++)
                {
                    times[row] = At(field, dates, row);
                }
            }
            return times;
        }
        if (column(spec.Year!) is not { } year || column(spec.Month!) is not { } month || column(spec.Day!) is not { } day)
        {
            return times;
        }
        var years = Parse<int>(year, text => WholeNumber(text, 1, 9999));
        var months = Parse<int>(month, Month);
        var days = Parse<int>(day, text => WholeNumber(text, 1, 31));
        for (var row = 0; row < rows; row++)
        {
            if (At(year, years, row) is { } y && At(month, months, row) is { } m && At(day, days, row) is { } d &&
                d <= DateTime.DaysInMonth(y, m))
            {
                times[row] = new DateTime(y, m, d, 0, 0, 0, DateTimeKind.Utc);
            }
        }
        return times;
    }

    public static int? Month(string text)
    {
        if (WholeNumber(text, 1, 12) is { } number)
        {
            return number;
        }
        var name = text.Trim().ToLowerInvariant();
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (name == MonthNames[i] || (name.Length == 3 && MonthNames[i].StartsWith(name, StringComparison.Ordinal)))
            {
                return i + 1;
            }
        }
        return null;
    }

    private static int? WholeNumber(string text, int min, int max) =>
        Values.TryNumber(text, out var v) && v == Math.Floor(v) && v >= min && v <= max ? (int)v : null;

    private static T?[] Parse<T>(FieldColumn column, Func<string, T?> read) where T : struct
    {
        var parsed = new T?[column.Values.Length];
        for (var code = 0; code < parsed.Length; code++)
        {
            parsed[code] = read(column.Values[code]);
        }
        return parsed;
    }

    private static T? At<T>(FieldColumn column, T?[] parsed, int row) where T : struct
    {
        var code = column.Codes[row];
        return code == FieldColumn.MissingCode ? null : parsed[code];
    }
}
