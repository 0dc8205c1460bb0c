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
