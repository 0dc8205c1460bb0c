using Graft.Audit;
using Graft.UseCases;
using static Graft.Tests.Audit.Frames;

namespace Graft.Tests.Audit;

public class AuditReportHtmlTests
{
    private static string Html()
    {
        var spec = Spec() with { Timestamp = new TimestampSpec("created") };
        return AuditReportHtml.Write(RunAudit(Of(
            ("label", Labels(30)),
            ("comment", Each(30, i => i % 3 == 0 ? "<script>alert('x')</script>" : $"fine {i % 2}")),
            ("email", Each(30, i => $"person{i}@example.com")),
            ("amount", Each(30, i => (i * 2.5).ToString(System.Globalization.CultureInfo.InvariantCulture))),
            ("created", Each(30, i => $"2021-{1 + (i % 12):D2}-01"))), spec));
    }

    [Fact]
    public void The_page_is_self_contained_with_inline_svg_charts()
    {
        var html = Html();

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.Contains("<style>", html);
        Assert.True(html.Split("<svg").Length > 5);
        Assert.Contains("Data-use policy", html);
        Assert.Contains("Rows per month", html);
    }

    [Fact]
    public void Data_values_are_html_encoded()
    {
        var html = Html();

        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
    }

    [Fact]
    public void Values_of_sensitive_fields_are_masked()
    {
        var html = Html();

        Assert.DoesNotContain("@example.com", html);
        Assert.Contains("••••••", html);
    }

    [Fact]
    public void Findings_are_marked_by_severity()
    {
        var html = Html();

        Assert.Contains("<tr class=\"warning\"><td>warning</td><td>sensitive_field</td><td>email</td>", html);
    }
}
