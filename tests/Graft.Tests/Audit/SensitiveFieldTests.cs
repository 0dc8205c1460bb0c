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
    public void Free_text_with_personal_data_in_some_rows_is_pii_in_text_and_says_how_many()
    {
        var notes = Each(100, i => i switch
        {
            3 => $"Please reply to jane.doe@example.com about order {i}",
            40 => $"Call back on 555-010-4477 before noon, order {i}",
            77 => $"Customer read out card 4111 1111 1111 1111 for order {i}",
            90 => $"Mr. Smith asked about order {i}",
            _ => $"Customer called about invoice number {i} and asked for a refund",
        });
        var report = RunAudit(Of(("label", Labels(100)), ("notes", notes)));

        Assert.False(report.Has(FindingCodes.SensitiveField, "notes"));
        var finding = report.Single(FindingCodes.PiiInText, "notes");
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(4, finding.Numbers["rows"]);
        Assert.Equal(1, finding.Numbers["email_rows"]);
        Assert.Equal(1, finding.Numbers["phone_rows"]);
        Assert.Equal(1, finding.Numbers["card_rows"]);
        Assert.Equal(1, finding.Numbers["person_name_rows"]);
        Assert.Contains("4 of 100 rows with a value (4%) contain email addresses, phone numbers, payment card numbers and person names", finding.Message);
    }

    [Fact]
    public void Free_text_with_a_phone_number_in_some_messages_is_pii_in_text_and_used()
    {
        // As in a public SMS collection: 7 of 1,000 messages hold a phone number.
        var messages = Each(1000, i => i % 143 == 7 ? $"Call 0800-555-{1000 + i} now to claim your prize, message {i}" : $"Are we still on for lunch on day {i}? Let me know");
        var report = RunAudit(Of(("label", Labels(1000)), ("text", messages)));

        Assert.False(report.Has(FindingCodes.SensitiveField, "text"));
        Assert.Equal(7, report.Single(FindingCodes.PiiInText, "text").Numbers["phone_rows"]);
        var use = report.Field("text")!.Use;
        Assert.Equal((true, true, true, false), (use.Train, use.Inference, use.Log, use.Sensitive));
        Assert.Contains("placeholder", use.Reason);
    }

    [Fact]
    public void A_category_of_sentences_with_a_phone_number_in_some_is_pii_in_text_not_kept_raw()
    {
        // As the demo's last ticket: a few phrases repeat, so the field reads as a category, and some end in a number.
        string[] phrases = ["Thanks, the fix works great!", "My invoice is wrong", "Call me back at 615.555.0175.", "Call me back at 615.555.0199."];
        var report = RunAudit(Of(("label", Labels(Rows)), ("last_ticket", Each(Rows, i => phrases[i % phrases.Length]))));

        Assert.Equal(Graft.Data.FieldType.Category, report.Field("last_ticket")!.Type);
        Assert.False(report.Has(FindingCodes.SensitiveField, "last_ticket"));
        Assert.Contains("is a category", report.Single(FindingCodes.PiiInText, "last_ticket").Message);
        Assert.Equal("Call me back at <PHONE>.", Graft.Training.TrainingTable.TextOf("Call me back at 615.555.0175.", Graft.Training.InputKind.Categorical));
    }

    [Fact]
    public void A_free_text_column_whose_values_are_email_addresses_stays_sensitive()
    {
        var report = RunAudit(Of(("label", Labels(Rows)), ("reply_to", Each(Rows, i => $"firstname.lastname.{1000 + i}@example-company.com"))));

        Assert.Equal(Graft.Data.FieldType.Text, report.Field("reply_to")!.Type);
        Assert.Equal(Rows, report.Single(FindingCodes.SensitiveField, "reply_to").Numbers["email_rows"]);
        Assert.False(report.Has(FindingCodes.PiiInText, "reply_to"));
        Assert.False(report.Field("reply_to")!.Use.Train);
    }

    [Fact]
    public void The_spec_can_still_declare_free_text_with_personal_data_sensitive_or_not_to_be_trained_on()
    {
        var notes = Each(Rows, i => i == 0 ? "call me on +44 20 7946 0958 please" : $"asked about invoice {i}, please call back");
        var declared = Spec() with { Fields = [new FieldPolicy("notes", Sensitive: true), new FieldPolicy("memo", Train: false, Log: false)] };
        var report = RunAudit(Of(("label", Labels(Rows)), ("notes", notes), ("memo", notes)), declared);

        Assert.Equal((false, false, true), (report.Field("notes")!.Use.Train, report.Field("notes")!.Use.Log, report.Field("notes")!.Use.Sensitive));
        Assert.Equal((false, false, false), (report.Field("memo")!.Use.Train, report.Field("memo")!.Use.Log, report.Field("memo")!.Use.Sensitive));
        Assert.All(report.Field("notes")!.TopValues, v => Assert.Equal(SensitiveMask.Masked, v.Value));
    }

    [Fact]
    public void Sample_values_of_free_text_show_placeholders_never_the_personal_data()
    {
        var notes = Each(Rows, i => i < 3 ? "call +44 20 7946 0958 or jane@example.com" : $"asked about invoice {i}, please call back");
        var report = RunAudit(Of(("label", Labels(Rows)), ("notes", notes)));

        var top = report.Field("notes")!.TopValues;
        Assert.Equal(new ValueCount("call <PHONE> or <EMAIL>", 3), top[0]);
        var json = AuditReportJson.Write(report);
        var html = AuditReportHtml.Write(report);
        Assert.Contains("call &lt;PHONE&gt; or &lt;EMAIL&gt;", html);
        Assert.All(new[] { json, html }, page => Assert.DoesNotContain("7946", page));
        Assert.All(new[] { json, html }, page => Assert.DoesNotContain("jane@example.com", page));
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
