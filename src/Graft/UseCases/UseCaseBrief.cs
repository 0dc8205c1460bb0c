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
        var left = new HashSet<string>(spec.Exclude.Append(spec.TargetColumn).Concat(spec.Timestamp?.NotInputs ?? []), StringComparer.Ordinal);
        if (spec.Entity is not null)
        {
            left.Add(spec.Entity);
        }
        if (schema is null)
        {
            Line("No data has been added yet; inputs are every field of the data except those listed below.");
        }
        else
        {
            foreach (var field in schema.Where(f => !left.Contains(f.Name) && spec.Policy(f.Name)?.Train != false))
            {
                var policy = spec.Policy(field.Name);
                var notes = policy?.Sensitive == true ? " (sensitive: masked in logs)" : "";
                Line($"- `{field.Name}`: {(policy?.Type ?? field.Type).ToString().ToLowerInvariant()}{notes}");
            }
            Line();
            Line("The data audit may leave out more (ID-like or sensitive fields); `graft audit` shows each field's data-use policy.");
        }
        if (left.Count > 0)
        {
            Line();
            Line($"Never inputs: {string.Join(", ", left.Order(StringComparer.Ordinal).Select(f => $"`{f}`"))}.");
        }
        return text.ToString();
    }
}
