namespace Graft.Review;

/// <summary>
/// A prediction waiting for people, as stored: the answer they review (label, score or value, confidence, the
/// explanation and warnings in <see cref="AnswerJson"/>), the inputs as the log keeps them (masked where the data-use
/// policy says so), why it was selected, and where it stands. States (<see cref="ReviewStates"/>): pending → claimed →
/// decided; claimed → pending when every claim is released or its lease runs out; pending or claimed → escalated →
/// decided; pending, claimed or escalated → expired when nobody decides it in time. Created with its prediction by the
/// log's writer; changed only through <see cref="ReviewQueue"/>.
/// </summary>
public sealed class ReviewItem
{
    public string Id { get; set; } = "";
    public string UseCaseId { get; set; } = "";
    public string PredictionId { get; set; } = "";
    public string? ModelVersion { get; set; }
    public string? EntityId { get; set; }
    public string Stage { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>What took the answer to review (<see cref="SelectedBy"/>).</summary>
    public string SelectedBy { get; set; } = "";
    public string State { get; set; } = ReviewStates.Pending;

    /// <summary>How many independent decisions close it (the spec's <c>overlap</c> when it was made).</summary>
    public int Overlap { get; set; } = 1;
    public int ClaimMinutes { get; set; } = 10;

    /// <summary>Rises with every claim: a claim's token, which its decision must bring back (a late decision after another claim is refused).</summary>
    public long Fence { get; set; }

    /// <summary>Rises with every change of the item: two reviewers changing it at once, the second sees the first's change and tries again.</summary>
    public int Revision { get; set; }
    public string? EscalatedTo { get; set; }
    public DateTime? ClosedAt { get; set; }

    public string? Label { get; set; }
    public double? Score { get; set; }
    public double? Value { get; set; }
    public string? Confidence { get; set; }
    public string InputsJson { get; set; } = "{}";
    public string AnswerJson { get; set; } = "{}";

    public bool IsOpen => ReviewStates.Open.Contains(State);
}

/// <summary>An item's states. The words are part of the API.</summary>
public static class ReviewStates
{
    public const string Pending = "pending";
    public const string Claimed = "claimed";
    public const string Escalated = "escalated";
    public const string Decided = "decided";
    public const string Expired = "expired";

    public static readonly IReadOnlyList<string> All = [Pending, Claimed, Escalated, Decided, Expired];

    /// <summary>The states of an item still waiting for a decision.</summary>
    public static readonly string[] Open = [Pending, Claimed, Escalated];
}

/// <summary>
/// One reviewer's hold on one slot of an item (slots 0 to overlap − 1; an escalated item's one slot is numbered
/// overlap): who, with which token, until when. A slot is free when it has no claim, or its claim was released or
/// ran out, and it has no decision.
/// </summary>
public sealed class ReviewClaim
{
    public string ItemId { get; set; } = "";
    public int Slot { get; set; }
    public string Reviewer { get; set; } = "";
    public long Token { get; set; }
    public DateTime ClaimedAt { get; set; }
    public DateTime LeaseUntil { get; set; }
    public bool Released { get; set; }

    public bool HeldAt(DateTime now) => !Released && LeaseUntil > now;
}

/// <summary>
/// A decision, immutable once made: who decided what about which item, when, under which claim, the answer before
/// and the label or value after, the reason code and note; a correction names the decision it corrects.
/// </summary>
public sealed class ReviewDecision
{
    public string Id { get; set; } = "";
    public string ItemId { get; set; } = "";
    public string UseCaseId { get; set; } = "";
    public string PredictionId { get; set; } = "";
    public int Slot { get; set; }
    public long Token { get; set; }
    public string Reviewer { get; set; } = "";
    public DateTime At { get; set; }

    /// <summary><see cref="ReviewDecisions"/>: accept, override or escalate.</summary>
    public string Decision { get; set; } = "";
    public string? LabelBefore { get; set; }
    public double? ScoreBefore { get; set; }
    public double? ValueBefore { get; set; }
    public string? Label { get; set; }
    public double? Value { get; set; }
    public string? Reason { get; set; }
    public string? Note { get; set; }
    public string? EscalatedTo { get; set; }
    public string? Corrects { get; set; }

    /// <summary>Seconds from the item's creation to this decision.</summary>
    public double SecondsToDecide { get; set; }
}

/// <summary>What a reviewer may decide. The words are part of the API.</summary>
public static class ReviewDecisions
{
    public const string Accept = "accept";
    public const string Override = "override";
    public const string Escalate = "escalate";

    public static readonly IReadOnlyList<string> All = [Accept, Override, Escalate];
}
