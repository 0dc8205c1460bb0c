using Graft.Audit;
using Graft.UseCases;
using static Graft.Tests.Audit.Frames;

namespace Graft.Tests.Audit;

public class SensitiveFieldTests
{
    private const int Rows = 20;

    // Well-known test card numbers: each passes the Luhn check.
    private static readonly string[] Cards = ["4111111111111111", "5555 5555 5555 4444", "378282246310005", "4012-8888-8888-1881", "6011111111111117"];

    public static TheoryData<string, string?[]> SensitiveColumns => new()
    {
        { "email_rows", Each(Rows, i => $"user{i}@example.com") },
        { "phone_rows", Each(Rows, i => $"(555) 010-{1000 + i}") },
        { "phone_rows", Each(Rows, i => $"+44 20 7946 {1000 + i}") },
        { "card_rows", Each(Rows, i => Cards[i % Cards.Length]) },
        { "national_id_rows", Each(Rows, i => $"{100 + i:D3}-{10 + i:D2}-{1000 + i:D4}") },
        { "national_id_rows", Each(Rows, i => $"AB{123450 + i}C") },
        { "national_id_rows", Each(Rows, _ => "046 454 286") },
    };

    [Theory]
    [MemberData(nameof(SensitiveColumns))]
    public void A_column_of_personal_data_is_sensitive(string kind, string?[] values)
    {
        var report = RunAudit(Of(("label", Labels(Rows)), ("contact_info", values)));

        var finding = report.Single(FindingCodes.SensitiveField, "contact_info");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(Rows, finding.Numbers[kind]);
    }

    [Fact]
    public void Numbers_that_fail_the_luhn_check_are_not_card_numbers()
    {
        // 4111 1111 1111 1111 is valid; any other last digit fails the check.
        var invalid = Each(Rows, i => "411111111111111" + (2 + (i % 8)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var report = RunAudit(Of(("label", Labels(Rows)), ("reference", invalid)));

        Assert.False(report.Has(FindingCodes.SensitiveField, "reference"));
    }

    [Fact]
    public void Amounts_dates_and_plain_codes_are_not_sensitive()
    {
        var report = RunAudit(Of(
            ("label", Labels(Rows)),
            ("amount", Each(Rows, i => $"{1234567 + i}.89")),
            ("booked", Each(Rows, i => $"2016-03-{i + 1:D2} 12:30:00")),
            ("customerID", Each(Rows, i => $"{7590 + i}-VHVEG")),
            ("ip", Each(Rows, i => $"192.168.100.{i}"))));

        Assert.DoesNotContain(report.Findings, f => f.Code == FindingCodes.SensitiveField);
    }

    [Fact]
    public void A_name_column_with_capitalised_names_is_sensitive_but_other_columns_with_names_are_not()
    {
        string[] people = ["Ada Lovelace", "Grace Hopper", "Alan Turing", "Mary-Jane O'Brien", "Edsger Dijkstra"];
        var names = Each(Rows, i => people[i % people.Length]);
        var report = RunAudit(Of(("label", Labels(Rows)), ("customer_name", names), ("speaker", names), ("name", Each(Rows, i => i % 2 == 0 ? "basic" : "premium"))));

        Assert.Equal(Rows, report.Single(FindingCodes.SensitiveField, "customer_name").Numbers["person_name_rows"]);
        Assert.False(report.Has(FindingCodes.SensitiveField, "speaker"));
        Assert.False(report.Has(FindingCodes.SensitiveField, "name"));
    }

    [Fact]
    public void Free_text_is_sensitive_when_any_row_contains_personal_data_and_says_how_many()
    {
        var notes = Each(100, i => i switch
        {
            3 => $"Please reply to jane.doe@example.com about order {i}",
            40 => $"Call back on 555-010-4477 before noon, order {i}",
            77 => $"Customer read out card 4111 1111 1111 1111 for order {i}",
            _ => $"Customer called about invoice number {i} and asked for a refund",
        });
        var report = RunAudit(Of(("label", Labels(100)), ("notes", notes)));

        var finding = report.Single(FindingCodes.SensitiveField, "notes");
        Assert.Equal(3, finding.Numbers["rows"]);
        Assert.Equal(1, finding.Numbers["email_rows"]);
        Assert.Equal(1, finding.Numbers["phone_rows"]);
        Assert.Equal(1, finding.Numbers["card_rows"]);
        Assert.Contains("3 of 100 rows with a value (3%) contain email addresses, phone numbers and payment card numbers", finding.Message);
    }

    [Fact]
    public void A_sensitive_field_is_not_trained_on_or_logged_and_its_values_are_masked()
    {
        var report = RunAudit(Of(("label", Labels(Rows)), ("email", Each(Rows, i => $"user{i % 4}@example.com"))));

        var profile = report.Field("email")!;
        Assert.Equal(new FieldUse(false, false, false, true, profile.Use.Reason), profile.Use);
        Assert.Contains("masked", profile.Use.Reason);
        Assert.All(profile.TopValues, v => Assert.DoesNotContain("@", v.Value));
        Assert.Equal(4, profile.TopValues.Count);
    }

    [Fact]
    public void The_spec_can_train_on_and_log_a_sensitive_field()
    {
        var spec = Spec() with { Fields = [new FieldPolicy("email", Train: true, Log: true)] };
        var report = RunAudit(Of(("label", Labels(Rows)), ("email", Each(Rows, i => $"user{i}@example.com"))), spec);

        var use = report.Field("email")!.Use;
        Assert.True(use.Train);
        Assert.True(use.Log);
        Assert.True(use.Sensitive);
    }

    [Fact]
    public void A_field_the_spec_declares_sensitive_is_masked_without_a_finding()
    {
        var spec = Spec() with { Fields = [new FieldPolicy("postcode", Sensitive: true)] };
        var report = RunAudit(Of(("label", Labels(Rows)), ("postcode", Each(Rows, i => $"10{i % 5}1 AB"))), spec);

        Assert.False(report.Has(FindingCodes.SensitiveField, "postcode"));
        var use = report.Field("postcode")!.Use;
        Assert.False(use.Train);
        Assert.False(use.Log);
        Assert.All(report.Field("postcode")!.TopValues, v => Assert.DoesNotContain("AB", v.Value));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData("sensitive: true", true)]
    [InlineData("sensitive: false", false)] // the spec overrides the audit, in messages as in the profile
    public void Messages_and_the_profile_mask_a_field_alike(string? declared, bool masked)
    {
        var spec = SpecReader.Parse("id: tt\ntitle: T\ntask: binary\ntarget: {column: label, positive: 'yes'}\n"
            + (declared is null ? "" : $"fields:\n  contact: {{ {declared} }}\n"), "s.yaml");

        var report = RunAudit(Of(("label", Labels(Rows)), ("contact", Each(Rows, _ => "jane@example.com"))), spec);

        var constant = report.Findings.Single(f => f.Code == FindingCodes.ConstantField && f.Field == "contact");
        Assert.Equal(!masked, constant.Message.Contains("jane@example.com", StringComparison.Ordinal));
        Assert.Equal(!masked, report.Field("contact")!.TopValues.Any(v => v.Value == "jane@example.com"));
    }
}
