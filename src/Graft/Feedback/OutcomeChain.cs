namespace Graft.Feedback;

/// <summary>
/// A prediction's outcomes in the order each superseded the other. Outcomes of one report share their recording time,
/// so time alone cannot order them; the chain of <see cref="Outcome.SupersededBy"/> can. A link to an outcome not among
/// those given (recorded later than an export looks) ends the chain there.
/// </summary>
public static class OutcomeChain
{
    public static List<Outcome> Ordered(IReadOnlyList<Outcome> outcomes)
    {
        var byId = outcomes.ToDictionary(o => o.Id);
        var replaced = outcomes.Where(o => o.SupersededBy is not null).Select(o => o.SupersededBy!).ToHashSet();
        var ordered = new List<Outcome>(outcomes.Count);
        foreach (var head in outcomes.OrderBy(o => o.RecordedAt).Where(o => !replaced.Contains(o.Id)))
        {
            for (var o = head; o is not null && ordered.Count < outcomes.Count; o = o.SupersededBy is { } next ? byId.GetValueOrDefault(next) : null)
            {
                ordered.Add(o);
            }
        }
        return ordered;
    }
}
