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
        # The model's own tests, run on the held-out rows for the rule and every model (graft evaluate shows them in full).
        model_tests:
          # A model can beat the rule overall and still fail one kind of customer: metrics per contract, plan and tenure band.
          slices: [contract, plan, tenure_months]
          # Customers in every region should be offered calls at much the same rate.
          fairness: { max_demographic_parity_difference: 0.1 }
          # What the team knows must hold, checked by changing the held-out rows and rescoring them.
          expectations:
            - { name: more late payments never lower the risk, field: late_payments_12m, direction: increasing }
            - { name: the region alone does not change the answer, field: region, invariant: [North, South, East, West, Central], tolerance: 0.05 }
        fields:
          # Compared across its groups by the fairness test; still a model input.
          region: { protected: true }

        """;
}
