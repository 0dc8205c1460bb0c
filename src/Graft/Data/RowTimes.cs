using System.Globalization;
using Graft.UseCases;

namespace Graft.Data;

/// <summary>Reads each row's time from the spec's timestamp: one date field, or year, month (number or name) and day fields.</summary>
public static class RowTimes
{
    public static DateTime?[] Read(Frame frame, TimestampSpec timestamp)
    {
        var times = new DateTime?[frame.RowCount];
        if (timestamp.Field is { } field)
        {
            var values = frame.Column(field);
            for (var r = 0; r < times.Length; r++)
            {
                times[r] = values[r] is { } v && Values.TryDate(v, out var date) ? date : null;
            }
            return times;
        }
        var years = frame.Column(timestamp.Year!);
        var months = frame.Column(timestamp.Month!);
        var days = frame.Column(timestamp.Day!);
        for (var r = 0; r < times.Length; r++)
        {
            times[r] = Assemble(years[r], months[r], days[r]);
        }
        return times;
    }

    private static DateTime? Assemble(string? year, string? month, string? day)
    {
        if (year is null || month is null || day is null
            || !int.TryParse(year, NumberStyles.Integer, CultureInfo.InvariantCulture, out var y)
            || !int.TryParse(day, NumberStyles.Integer, CultureInfo.InvariantCulture, out var d)
            || Month(month) is not { } m
            || y is < 1 or > 9999 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return null;
        }
        return new DateTime(y, m, d, 0, 0, 0, DateTimeKind.Utc);
    }

    public static int? Month(string text)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
        {
            return number is >= 1 and <= 12 ? number : null;
        }
        var names = CultureInfo.InvariantCulture.DateTimeFormat;
        for (var m = 1; m <= 12; m++)
        {
            if (text.Trim().Equals(names.GetMonthName(m), StringComparison.OrdinalIgnoreCase)
                || text.Trim().Equals(names.GetAbbreviatedMonthName(m), StringComparison.OrdinalIgnoreCase))
            {
                return m;
            }
        }
        return null;
    }
}
