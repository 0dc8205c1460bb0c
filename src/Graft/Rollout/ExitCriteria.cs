namespace Graft.Rollout;

/// <summary>
/// What the current stage must show before a use case may leave it upward (the spec's <c>rollout.exit</c>): enough
/// answers since the stage began, and, as each applies, the model's agreement with the rule (in shadow, where the rule
/// is the incumbent), the reviewers' override rate (in assist), and the live metric from joined outcomes no worse than
/// the training metric by more than a margin, once enough outcomes are joined to say.
/// </summary>
public sealed record ExitCriteria(int MinPredictions = 500, double MinAgreement = 0.9, double MaxOverrideRate = 0.2, double LiveMetricMargin = 0.05, int MinOutcomes = 100);
