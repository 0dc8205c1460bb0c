namespace Graft.UseCases;

/// <summary>The commented starting spec `graft init` writes: every key, what it means, and a value to edit.</summary>
public static class SpecTemplate
{
    public static string Render(string id, TaskKind task)
    {
        var (target, positive, metric, rule) = task switch
        {
            TaskKind.Binary => ("churned", "\n  positive: \"Yes\"            # the class that means \"act\" (binary only)", "roc_auc",
                "tenure_months < 12 and contract == 'Month-to-month'"),
            TaskKind.Multiclass => ("queue", "", "macro_f1",
                "case when contains(lower(subject), 'refund') then 'billing' else 'general' end"),
            _ => ("delivery_days", "", "rmse", "case when distance_km > 500 then 5 else 2 end"),
        };
        var taskName = task.ToString().ToLowerInvariant();
        return $$"""
            # Graft use case: {{id}}
            # Edit the values, then: graft spec check {{id}}.yaml && graft usecase apply {{id}}.yaml
            # Every key is described in docs/spec.md.

            id: {{id}}                       # lowercase letters, digits and dashes
            title: Describe the decision in a few words
            decision: What the app does differently with the prediction
            users: Who sees or acts on the prediction, and where
            moment: When in the workflow the prediction is needed
            owners:
              business: owner@example.com     # answers for the decision
              technical: team@example.com     # answers for the model and service

            task: {{taskName}}                   # binary, multiclass or regression
            target:
              column: {{target}}              # the field to predict{{positive}}
            entity: customer_id              # the key of the thing predicted about (never a model input)
            # timestamp: signup_date         # a date field; makes the default split time-based
            # timestamp: { year: arrival_year, month: arrival_month, day: arrival_day }

            exclude: []                      # fields never used as model inputs (e.g. known only after the outcome)
            # fields:                        # per-field type and data-use policy, when the audit's defaults are wrong
            #   email: { sensitive: true, log: false }
            #   plan: { type: category, allowed: [Basic, Standard, Premium] }
            #   region: { protected: true }  # decisions compared across its groups (model_tests.fairness)

            rule: "{{rule}}"   # today's decision; models must beat it
            metric: {{metric}}
            gates:
              baseline_margin: 0.02          # how much better than the rule the best model must be on the metric
            # split: { kind: auto, test_fraction: 0.2, seed: 42 }   # auto: by time when a timestamp is named
            # model_tests:                 # beyond one number: by slice, protected group and expectation (docs/model-tests.md)
            #   slices: [plan, region]
            #   fairness: { max_demographic_parity_difference: 0.1 }
            #   expectations:
            #     - { name: more tickets never lower the risk, field: support_tickets_90d, direction: increasing }
            # value: { true_positive: 100, false_positive: -20, false_negative: -100, true_negative: 0 }   # binary: each outcome's worth
            latency_budget_ms: 50
            risk: medium                     # low, medium or high
            fallback: rule                   # what answers when the model cannot

            """;
    }
}
