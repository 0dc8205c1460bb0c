using System.Globalization;
using Graft.Rollout.Challengers;

namespace Graft.Rollout;

/// <summary>
/// The challenger's gate, which promoting it needs: enough requests answered by both sides since it began (the spec's
/// <c>rollout.exit.min_predictions</c>; fewer is inconclusive, never a failure), labels that agree at least as often as
/// <c>rollout.exit.min_agreement</c> asks, and no more errors than the champion had on the same requests. Without
/// outcomes, which side is right is not known yet: the gate asks only that the challenger is no worse where it can tell.
/// </summary>
internal static class ChallengerExit
{
    public const string Name = "challenger";

    public static Gate Gate(ExitCriteria exit, ComparisonTally tally)
    {
        var numbers = new Dictionary<string, double>
        {
            ["paired"] = tally.Paired, ["min_predictions"] = exit.MinPredictions, ["compared"] = tally.Compared,
            ["champion_errors"] = tally.ChampionErrors, ["challenger_errors"] = tally.ChallengerErrors,
        };
        if (tally.Paired < exit.MinPredictions)
        {
            return new Gate(RolloutGates.Rollout, Name, GateOutcome.Inconclusive,
                $"{tally.Paired:N0} of the {exit.MinPredictions:N0} requests answered by both the champion and the challenger needed", Numbers: numbers);
        }
        var failures = new List<string>();
        var said = new List<string>();
        if (tally.LabelAgreement() is { } agreement)
        {
            (numbers["label_agreement"], numbers["min_agreement"]) = (agreement, exit.MinAgreement);
            var text = string.Create(CultureInfo.InvariantCulture, $"their labels agreed on {agreement:P1} of {tally.Labelled:N0} requests (at least {exit.MinAgreement:P0} needed)");
            (agreement >= exit.MinAgreement ? said : failures).Add(text);
        }
        var errors = $"the challenger failed on {tally.ChallengerErrors:N0} of {tally.Compared:N0} requests, the champion on {tally.ChampionErrors:N0}";
        (tally.ChallengerErrors <= tally.ChampionErrors ? said : failures).Add(errors);
        return failures.Count == 0
            ? new Gate(RolloutGates.Rollout, Name, GateOutcome.Successful, string.Join("; ", said), Numbers: numbers)
            : new Gate(RolloutGates.Rollout, Name, GateOutcome.Failed, string.Join("; ", failures), Numbers: numbers);
    }
}
