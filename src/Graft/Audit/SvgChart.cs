using System.Globalization;
using System.Net;
using System.Text;

namespace Graft.Audit;

/// <summary>
/// The few charts the HTML audit report needs, drawn as inline SVG so the report is one file that opens anywhere,
/// offline, with no script. Every label is HTML-encoded: labels are data values, and data is untrusted.
/// </summary>
internal static class SvgChart
{
    private const int Width = 640;
    private const int LabelWidth = 200;
    private const int NoteWidth = 110;
    private const int RowHeight = 20;
    private const int MaxLabel = 30;

    /// <summary>One bar of a horizontal bar chart: its label, length as a share of the widest, and the text beside it.</summary>
    public sealed record Bar(string Label, double Share, string Note, string Css = "bar");

    public static void Bars(StringBuilder html, string title, IReadOnlyList<Bar> bars)
    {
        var height = (bars.Count * RowHeight) + 4;
        Open(html, title, height);
        const int area = Width - LabelWidth - NoteWidth;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = (i * RowHeight) + 2;
            Text(html, LabelWidth - 6, y + 14, "end", Short(bar.Label));
            html.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"{bar.Css}\" x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{N(Math.Max(bar.Share, 0) * area)}\" height=\"{RowHeight - 6}\"/>");
            Text(html, LabelWidth + (Math.Max(bar.Share, 0) * area) + 6, y + 14, "start", bar.Note);
        }
        html.Append("</svg>");
    }

    public static void Columns(StringBuilder html, string title, IReadOnlyList<(string Label, int Count)> columns, string firstLabel, string lastLabel)
    {
        const int height = 150, plot = 120;
        Open(html, title, height);
        var max = Math.Max(1, columns.Count == 0 ? 1 : columns.Max(c => c.Count));
        var width = (double)(Width - 20) / Math.Max(1, columns.Count);
        for (var i = 0; i < columns.Count; i++)
        {
            var h = (double)columns[i].Count / max * plot;
            html.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar\" x=\"{N(10 + (i * width) + 1)}\" y=\"{N(plot - h + 4)}\" width=\"{N(Math.Max(1, width - 2))}\" height=\"{N(h)}\">");
            html.Append("<title>").Append(Encode(columns[i].Label)).Append(": ").Append(Wording.Count(columns[i].Count)).Append("</title></rect>");
        }
        Text(html, 10, height - 6, "start", firstLabel);
        Text(html, Width - 10, height - 6, "end", lastLabel);
        html.Append("</svg>");
    }

    public static void Histogram(StringBuilder html, string title, Histogram histogram)
    {
        var bins = new List<(string, int)>(histogram.Counts.Count);
        for (var i = 0; i < histogram.Counts.Count; i++)
        {
            bins.Add(($"{Wording.Number(histogram.Edges[i])} to {Wording.Number(histogram.Edges[i + 1])}", histogram.Counts[i]));
        }
        var first = Wording.Number(histogram.Edges[0]);
        var last = Wording.Number(histogram.Edges[^1]);
        if (histogram.Below > 0)
        {
            first = $"{first} ({Wording.Count(histogram.Below)} below)";
        }
        if (histogram.Above > 0)
        {
            last = $"{last} ({Wording.Count(histogram.Above)} above)";
        }
        Columns(html, title, bins, first, last);
    }

    /// <summary>One row of a paired bar chart: two shares of the same thing (the training reference and now), each as a share of the largest drawn.</summary>
    public sealed record Pair(string Label, double First, double Second, string Note);

    /// <summary>Two bars a row, the first in the reference's colour and the second in the current one's, on one scale.</summary>
    public static void Pairs(StringBuilder html, string title, IReadOnlyList<Pair> rows, string firstName, string secondName)
    {
        var height = (rows.Count * RowHeight) + 24;
        Open(html, title, height);
        const int area = Width - LabelWidth - NoteWidth;
        var largest = Math.Max(1e-12, rows.Count == 0 ? 1 : rows.Max(r => Math.Max(r.First, r.Second)));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = (i * RowHeight) + 2;
            Text(html, LabelWidth - 6, y + 14, "end", Short(row.Label));
            html.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"reference-bar\" x=\"{LabelWidth}\" y=\"{y + 3}\" width=\"{N(Math.Max(row.First, 0) / largest * area)}\" height=\"{(RowHeight - 6) / 2}\"/>");
            html.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"bar\" x=\"{LabelWidth}\" y=\"{y + 3 + ((RowHeight - 6) / 2)}\" width=\"{N(Math.Max(row.Second, 0) / largest * area)}\" height=\"{(RowHeight - 6) / 2}\"/>");
            Text(html, LabelWidth + (Math.Max(row.First, row.Second) / largest * area) + 6, y + 14, "start", row.Note);
        }
        Text(html, LabelWidth, height - 4, "start", $"upper: {firstName}; lower: {secondName}");
        html.Append("</svg>");
    }

    /// <summary>One row of an interval chart: a value with its interval, and a reference to compare it with (the rule's value), any of them absent.</summary>
    public sealed record Interval(string Label, double? Value, double? Lower, double? Upper, double? Reference, string Note, string Css = "bar");

    /// <summary>Each row's value as a dot on a shared axis, its interval as a whisker, its reference as a tick.</summary>
    public static void Intervals(StringBuilder html, string title, IReadOnlyList<Interval> rows, double min, double max)
    {
        var height = (rows.Count * RowHeight) + 24;
        Open(html, title, height);
        const int area = Width - LabelWidth - (NoteWidth * 3 / 2); // notes say more here: rows and a flag
        var span = max > min ? max - min : 1;
        double X(double v) => LabelWidth + (Math.Clamp((v - min) / span, 0, 1) * area);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var y = (i * RowHeight) + 12;
            Text(html, LabelWidth - 6, y + 4, "end", Short(row.Label));
            if (row.Lower is { } lo && row.Upper is { } hi)
            {
                html.Append(CultureInfo.InvariantCulture, $"<line class=\"whisker\" x1=\"{N(X(lo))}\" x2=\"{N(X(hi))}\" y1=\"{y}\" y2=\"{y}\"/>");
            }
            if (row.Reference is { } reference)
            {
                html.Append(CultureInfo.InvariantCulture, $"<line class=\"reference\" x1=\"{N(X(reference))}\" x2=\"{N(X(reference))}\" y1=\"{y - 7}\" y2=\"{y + 7}\"/>");
            }
            if (row.Value is { } value)
            {
                html.Append(CultureInfo.InvariantCulture, $"<circle class=\"{row.Css}\" cx=\"{N(X(value))}\" cy=\"{y}\" r=\"4\"/>");
            }
            Text(html, LabelWidth + area + 6, y + 4, "start", row.Note);
        }
        Text(html, LabelWidth, height - 4, "start", Wording.Number(min));
        Text(html, LabelWidth + area, height - 4, "end", Wording.Number(max));
        html.Append("</svg>");
    }

    /// <summary>A line of a line chart: its name (in the legend), its points and its colour class.</summary>
    public sealed record Line(string Name, IReadOnlyList<(double X, double Y)> Points, string Css);

    /// <summary>Lines over shared axes, each point marked; <paramref name="diagonal"/> draws y = x (a perfectly calibrated model).</summary>
    public static void Lines(StringBuilder html, string title, IReadOnlyList<Line> lines, string xLabel, string yLabel, bool diagonal = false)
    {
        const int height = 260, left = 80, right = Width - 20, top = 10, bottom = height - 40;
        Open(html, title, height);
        var points = lines.SelectMany(l => l.Points).ToList();
        var (x0, x1) = points.Count == 0 ? (0.0, 1.0) : (points.Min(p => p.X), points.Max(p => p.X));
        var (y0, y1) = points.Count == 0 ? (0.0, 1.0) : (points.Min(p => p.Y), points.Max(p => p.Y));
        if (diagonal)
        {
            (x0, x1, y0, y1) = (0, 1, 0, 1);
        }
        (y0, y1) = y1 > y0 ? (y0, y1) : (y0 - 1, y1 + 1);
        (x0, x1) = x1 > x0 ? (x0, x1) : (x0 - 1, x1 + 1);
        double X(double v) => left + ((v - x0) / (x1 - x0) * (right - left));
        double Y(double v) => bottom - ((v - y0) / (y1 - y0) * (bottom - top));
        html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" x2=\"{right}\" y1=\"{bottom}\" y2=\"{bottom}\"/><line class=\"axis\" x1=\"{left}\" x2=\"{left}\" y1=\"{top}\" y2=\"{bottom}\"/>");
        if (diagonal)
        {
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"reference\" x1=\"{N(X(0))}\" x2=\"{N(X(1))}\" y1=\"{N(Y(0))}\" y2=\"{N(Y(1))}\"/>");
        }
        if (y0 < 0 && y1 > 0)
        {
            html.Append(CultureInfo.InvariantCulture, $"<line class=\"axis\" x1=\"{left}\" x2=\"{right}\" y1=\"{N(Y(0))}\" y2=\"{N(Y(0))}\"/>");
            Text(html, left - 4, Y(0) + 4, "end", "0");
        }
        for (var l = 0; l < lines.Count; l++)
        {
            var line = lines[l];
            html.Append("<polyline fill=\"none\" class=\"").Append(line.Css).Append("\" points=\"")
                .AppendJoin(' ', line.Points.Select(p => $"{N(X(p.X))},{N(Y(p.Y))}")).Append("\"/>");
            if (line.Name.Length > 0) // a legend entry with a swatch of the line's colour
            {
                var y = top + 12 + (l * 14);
                html.Append(CultureInfo.InvariantCulture, $"<line class=\"{line.Css}\" x1=\"{right - 22}\" x2=\"{right - 4}\" y1=\"{y - 4}\" y2=\"{y - 4}\"/>");
                Text(html, right - 26, y, "end", line.Name);
            }
        }
        Text(html, left, height - 22, "start", Wording.Number(x0));
        Text(html, right, height - 22, "end", Wording.Number(x1));
        Text(html, (left + right) / 2.0, height - 6, "middle", xLabel);
        Text(html, left - 4, top + 8, "end", Wording.Number(y1));
        Text(html, left - 4, bottom, "end", Wording.Number(y0));
        Text(html, left + 6, top + 10, "start", yLabel);
        html.Append("</svg>");
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static void Open(StringBuilder html, string title, int height)
    {
        html.Append(CultureInfo.InvariantCulture,
            $"<svg role=\"img\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\">");
        html.Append("<title>").Append(Encode(title)).Append("</title>");
    }

    private static void Text(StringBuilder html, double x, double y, string anchor, string text) =>
        html.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\">")
            .Append(Encode(text)).Append("</text>");

    private static string Short(string label) => label.Length <= MaxLabel ? label : label[..(MaxLabel - 1)] + "…";

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
