using System.Globalization;
using System.Text;
using Graft.Data;

namespace Graft.UseCases;

/// <summary>
/// The one-page use-case brief (Markdown) rendered from the spec, so the page people sign off on and the
/// configuration Graft enforces are the same thing.
/// </summary>
public static class UseCaseBrief
{
    public static string Render(UseCaseSpec spec, int revision, IReadOnlyList<FieldSchema>? schema)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        string Or(string? value) => string.IsNullOrWhiteSpace(value) ? "_not stated in the spec_" : value;

        Line($"# {spec.Title}");
        Line();
        Line(string.Create(CultureInfo.InvariantCulture, $"Use case `{spec.Id}`, spec revision {revision}. Risk level: **{spec.Risk}**."));
        Line();
        Line("| | |");
        Line("|---|---|");
        Line($"| **Decision** | {Or(spec.Decision)} |");
        Line($"| **Users** | {Or(spec.Users)} |");
        Line($"| **Moment of use** | {Or(spec.Moment)} |");
        Line($"| **Target** | `{spec.TargetColumn}` ({spec.Task.ToString().ToLowerInvariant()}{(spec.TargetPositive is null ? "" : $", positive class `{spec.TargetPositive}`")}) |");
        Line($"| **Entity** | {(spec.Entity is null ? Or(null) : $"`{spec.Entity}`")} |");
        Line($"| **Metric** | `{spec.Metric}`; the best model must beat the rule by {spec.BaselineMargin.ToString("0.####", CultureInfo.InvariantCulture)} |");
        Line($"| **Rule today** | {(spec.Rule is null ? "none stated: the baseline is the training data's prior" : $"`{spec.Rule.Replace("|", "\\|", StringComparison.Ordinal)}`")} |");
        Line(string.Create(CultureInfo.InvariantCulture, $"| **Latency budget** | {spec.LatencyBudgetMs} ms |"));
        Line($"| **Fallback** | {(spec.Fallback == "rule" ? "the rule above answers when the model cannot" : spec.Fallback)} |");
        Line($"| **Owners** | {(spec.Owners.Count == 0 ? Or(null) : string.Join("; ", spec.Owners.Select(o => $"{o.Key}: {o.Value}")))} |");
        Line();
        Line("## Inputs");
        Line();
        if (schema is null)
        {
            Line("No data has been added yet; inputs will be every field of the data except these:");
            Line();
            foreach (var (field, role) in Training.FeaturePlan.LeftOutBySpec(spec).OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                Line($"- `{field}`: {role}");
            }
            return text.ToString();
        }
        // The same plan training makes, less what only the audit decides (named in the note below).
        Training.FeaturePlan plan;
        try
        {
            plan = Training.FeaturePlan.Create(spec, schema, new Dictionary<string, string>());
        }
        catch (GraftException e)
        {
            Line($"None: {e.Message}.");
            return text.ToString();
        }
        foreach (var input in plan.Inputs)
        {
            var notes = spec.Policy(input.Field)?.Sensitive == true ? " (sensitive: masked in logs)" : "";
            Line($"- `{input.Field}`: {input.Type.ToString().ToLowerInvariant()}{notes}");
        }
        if (plan.LeftOut.Count > 0)
        {
            Line();
            Line("Not inputs:");
            Line();
            foreach (var (field, reason) in plan.LeftOut.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                Line($"- `{field}`: {reason}");
            }
        }
        Line();
        Line("The data audit may leave out more (ID-like or sensitive fields); `graft audit` shows each field's data-use policy.");
        return text.ToString();
    }
}
