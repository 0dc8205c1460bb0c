namespace Graft.Data.Demo;

/// <summary>The use-case spec that goes with the demo dataset.</summary>
internal static class ChurnDemoSpec
{
    public const string Yaml = """
        # Churn risk: which customers are likely to cancel in the next 90 days?
        # The spec Graft's demo trains from; every key is a decision someone made, not a default.
        id: churn-risk
        title: Churn risk for subscription customers
        # The action a prediction triggers: without one, a score is only a number.
        decision: Offer a retention call to customers at high risk of cancelling
        # Who sees the prediction, where, and when it has to be ready.
        users: Customer success team, in the CRM account page
        moment: When an account manager opens a customer's page
        # People to ask when the model misbehaves, and who approves changes.
        owners:
          business: head-of-customer-success@example.com
          technical: data-team@example.com
        task: binary
        target:
          column: churned
          positive: "Yes"
        # One row per customer; signup_date orders rows in time so validation never peeks at the future.
        entity: customer_id
        timestamp: signup_date
        # Filled in only after a customer has left: it would give the answer away.
        exclude: [cancellation_reason]
        # What the team does today; a model must beat it to be worth running.
        rule: "contract == 'Month-to-month' and tenure_months < 12"
        metric: roc_auc
        gates:
          # Required lead of the model over the rule, in ROC AUC.
          baseline_margin: 0.02
        # The CRM page waits for the score, so it has to be quick.
        latency_budget_ms: 50
        risk: medium
        # If the model is unavailable or blocked, the rule answers instead.
        fallback: rule
        # Where the rollout starts. A new use case starts in shadow (the app gets the rule's answer while the model's is
        # logged); the demo starts in assist, so that its answers are the model's, shown to people (route: review).
        # From here the stage is changed with graft stage, gated: graft status shows what each step needs.
        stage: assist

        """;
}
