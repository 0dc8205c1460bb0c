using System.Text.Json.Serialization;

namespace Graft.Rollout.Challengers;

/// <summary>
/// What the champion and the challenger came to over the same requests, in a form that adds up: counts, the paired
/// scores' moments, each side's scoring times and errors, and the <see cref="KeptDisagreements"/> requests they
/// disagreed on most. Each serving process tallies its own pairs and merges them into the store's
/// (<see cref="ChallengerComparisons"/>); merging two tallies gives exactly the tally of their pairs together (the
/// disagreements kept are the most disagreeing of both), so the report of several processes is that of one.
/// </summary>
public sealed class ComparisonTally
{
    public const int KeptDisagreements = 10;

    /// <summary>Requests sampled for the comparison: with an answer from either side, or from both (<see cref="Paired"/>).</summary>
    [JsonInclude] public long Compared { get; private set; }
    [JsonInclude] public long Paired { get; private set; }

    /// <summary>Pairs where both gave a label, and how many of those labels were the same.</summary>
    [JsonInclude] public long Labelled { get; private set; }
    [JsonInclude] public long Agreements { get; private set; }
    [JsonInclude] public long ChampionErrors { get; private set; }
    [JsonInclude] public long ChallengerErrors { get; private set; }
    [JsonInclude] public PairedScores Scores { get; private set; } = new();
    [JsonInclude] public LatencyHistogram ChampionLatency { get; private set; } = new();
    [JsonInclude] public LatencyHistogram ChallengerLatency { get; private set; } = new();
    [JsonInclude] public List<Disagreement> Disagreements { get; private set; } = [];

    public void Add(ComparedPair pair)
    {
        Compared++;
        if (pair.Champion is null)
        {
            ChampionErrors++;
        }
        else
        {
            ChampionLatency.Add(pair.ChampionMicroseconds);
        }
        if (pair.Challenger is null)
        {
            ChallengerErrors++;
        }
        else
        {
            ChallengerLatency.Add(pair.ChallengerMicroseconds);
        }
        if (pair.Champion is not { } champion || pair.Challenger is not { } challenger)
        {
            return;
        }
        Paired++;
        if (champion.Label is not null && challenger.Label is not null)
        {
            Labelled++;
            Agreements += champion.Label == challenger.Label ? 1 : 0;
        }
        Scores.Add(champion.Score, challenger.Score);
        if (Disagreements.Count < KeptDisagreements || Disagreement.MostFirst(Candidate(champion, challenger, pair), Disagreements[^1]) < 0)
        {
            Keep([Disagreement.Of(pair, champion, challenger)]);
        }
    }

    public void Merge(ComparisonTally other)
    {
        Compared += other.Compared;
        Paired += other.Paired;
        Labelled += other.Labelled;
        Agreements += other.Agreements;
        ChampionErrors += other.ChampionErrors;
        ChallengerErrors += other.ChallengerErrors;
        Scores.Merge(other.Scores);
        ChampionLatency.Merge(other.ChampionLatency);
        ChallengerLatency.Merge(other.ChallengerLatency);
        Keep(other.Disagreements);
    }

    /// <summary>The share of labelled pairs whose labels were the same; null for a regression, or before any pair.</summary>
    public double? LabelAgreement() => Labelled == 0 ? null : (double)Agreements / Labelled;

    private void Keep(IEnumerable<Disagreement> more)
    {
        Disagreements.AddRange(more);
        Disagreements.Sort(Disagreement.MostFirst);
        if (Disagreements.Count > KeptDisagreements)
        {
            Disagreements.RemoveRange(KeptDisagreements, Disagreements.Count - KeptDisagreements);
        }
    }

    // What the pair would rank as, without reading its inputs: they are parsed only for a pair that is kept.
    private static Disagreement Candidate(ComparedAnswer champion, ComparedAnswer challenger, ComparedPair pair) =>
        new(pair.PredictionId, pair.At, champion, challenger, Math.Round(Math.Abs(champion.Score - challenger.Score), 7), champion.Label != challenger.Label, default);
}
