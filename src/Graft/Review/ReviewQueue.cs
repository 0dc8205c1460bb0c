using Graft.Governance;
using Graft.Storage;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Review;

/// <summary>
/// The review queue: lists items, and claims, releases and decides them, each a change of one item guarded by its
/// <see cref="ReviewItem.Revision"/> (two reviewers at once: one wins, the other tries again on what the first left, and
/// finds the slot taken). A claim is a lease on one slot with a token from the item's <see cref="ReviewItem.Fence"/>, which
/// rises on every claim; a decision must bring the token of a claim still held, so one made after its lease ran out (and
/// the slot was claimed again) is refused. Decisions are immutable and recorded in the audit trail; a correction is a new
/// decision naming the one it corrects. Killing a use case or lowering its stage leaves its open items as they are: the
/// app asked for a person's decision on each of those answers, and only a person can give it (docs/review.md).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "the queue people work through, as the product names it; not a collection")]
public sealed class ReviewQueue(GraftHome home)
{
    /// <summary>
    /// How often a change of one item is made again when another reviewer changed the item first (its revision moved:
    /// another slot decided, a claim taken) or took the same new slot: it then finds the state as it is now, and may be
    /// refused by it. Fifty reviewers claiming one item at once need more than a few.
    /// </summary>
    private const int MaxAttempts = 20;

    private static readonly string[] EscalationRoles = ["reviewer", "maintainer", "admin"];

    public async Task<IReadOnlyList<ReviewItemView>> ListAsync(ReviewFilter filter, CancellationToken cancellationToken)
    {
        if (filter.State is { } state && !ReviewStates.All.Contains(state))
        {
            throw GraftException.Invalid($"'{state}' is not a review state; it is one of {string.Join(", ", ReviewStates.All)}");
        }
        await RefreshAsync(cancellationToken);
        await using var db = home.CreateDb();
        var now = home.Now;
        var items = db.ReviewItems.AsNoTracking().AsQueryable();
        if (filter.UseCase is { } useCase)
        {
            items = items.Where(i => i.UseCaseId == useCase);
        }
        if (filter.State is { } wanted)
        {
            items = items.Where(i => i.State == wanted);
        }
        if (filter.OlderThan is { } age)
        {
            var before = now - age;
            items = items.Where(i => i.CreatedAt <= before);
        }
        if (filter.SelectedBy is { } why)
        {
            items = items.Where(i => i.SelectedBy == why);
        }
        if (filter.Assignee is { } who)
        {
            items = items.Where(i => db.ReviewClaims.Any(c => c.ItemId == i.Id && c.Reviewer == who && !c.Released && c.LeaseUntil > now));
        }
        var page = await items.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Take(Math.Clamp(filter.Limit, 1, 1000)).ToListAsync(cancellationToken);
        var ids = page.ConvertAll(i => i.Id);
        var claims = (await db.ReviewClaims.AsNoTracking().Where(c => ids.Contains(c.ItemId)).ToListAsync(cancellationToken)).ToLookup(c => c.ItemId);
        var counts = await db.ReviewDecisions.Where(d => ids.Contains(d.ItemId) && d.Corrects == null).GroupBy(d => d.ItemId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return page.ConvertAll(i => ReviewItemView.Of(i, claims[i.Id], counts.GetValueOrDefault(i.Id), now));
    }

    /// <summary>The use case an item belongs to (for a key's scope), or not found.</summary>
    public async Task<string> UseCaseOfAsync(string itemId, CancellationToken cancellationToken) => (await KeyOfAsync(itemId, cancellationToken)).UseCase;

    /// <summary>An item's use case and the model version whose answer it holds (null: not found is thrown).</summary>
    private async Task<(string UseCase, string? Version)> KeyOfAsync(string itemId, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var key = await db.ReviewItems.Where(i => i.Id == itemId).Select(i => new { i.UseCaseId, i.ModelVersion }).FirstOrDefaultAsync(cancellationToken)
            ?? throw GraftException.NotFound($"no review item '{itemId}'");
        return (key.UseCaseId, key.ModelVersion);
    }

    public async Task<ReviewItemDetail> ShowAsync(string itemId, Actor viewer, CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        await using var db = home.CreateDb();
        var item = await FindAsync(db, itemId, cancellationToken);
        var claims = await db.ReviewClaims.AsNoTracking().Where(c => c.ItemId == itemId).ToListAsync(cancellationToken);
        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.ItemId == itemId).OrderBy(d => d.At).ToListAsync(cancellationToken);
        var seesAll = !item.IsOpen || viewer.Role is "admin" or Actor.OperatorRole;
        var shown = decisions.Where(d => seesAll || d.Reviewer == viewer.Id).Select(ReviewDecisionView.Of).ToList();
        var reasons = (await SpecAsync(item.UseCaseId, cancellationToken)).Review?.Reasons ?? [];
        return new ReviewItemDetail(ReviewItemView.Of(item, claims, decisions.Count(d => d.Corrects is null), home.Now),
            Json(item.InputsJson), Json(item.AnswerJson), shown, reasons);
    }

    /// <summary>
    /// Claims a free slot of an item for <paramref name="reviewer"/>, or gives back the claim they already hold on it. An
    /// escalated item may be claimed only by the role it was escalated to (or an admin, or the operator at the machine).
    /// </summary>
    public Task<ReviewClaimView> ClaimAsync(string itemId, Actor reviewer, CancellationToken cancellationToken) =>
        StoreConflicts.RetriedAsync(MaxAttempts, async _ =>
        {
            await using var db = home.CreateDb();
            var now = home.Now;
            var item = await OpenItemAsync(db, itemId, now, cancellationToken);
            if (item.State == ReviewStates.Escalated && reviewer.Role != item.EscalatedTo && reviewer.Role is not ("admin" or Actor.OperatorRole))
            {
                throw GraftException.Forbidden($"{itemId} was escalated to a {item.EscalatedTo}; this key is a {reviewer.Role}'s");
            }
            var claims = await db.ReviewClaims.Where(c => c.ItemId == itemId).ToListAsync(cancellationToken);
            if (claims.FirstOrDefault(c => c.Reviewer == reviewer.Id && c.HeldAt(now)) is { } held)
            {
                return new ReviewClaimView(itemId, held.Slot, held.Token, held.LeaseUntil);
            }
            var decisions = await db.ReviewDecisions.Where(d => d.ItemId == itemId && d.Corrects == null).ToListAsync(cancellationToken);
            var escalated = item.State == ReviewStates.Escalated;
            if (!escalated && decisions.Any(d => d.Reviewer == reviewer.Id))
            {
                throw GraftException.Conflict($"{reviewer.Id} has already decided {itemId}; each of its {item.Overlap} decisions needs another reviewer");
            }
            var slots = escalated ? [item.Overlap] : Enumerable.Range(0, item.Overlap);
            var free = slots.Where(s => decisions.All(d => d.Slot != s) && claims.All(c => c.Slot != s || !c.HeldAt(now))).Cast<int?>().FirstOrDefault();
            if (free is not { } slot)
            {
                throw GraftException.Conflict($"{itemId} is claimed by {string.Join(", ", claims.Where(c => c.HeldAt(now)).Select(c => c.Reviewer))}; try again after their claim ends");
            }
            item.Fence++;
            item.Revision++;
            if (!escalated)
            {
                item.State = ReviewStates.Claimed;
            }
            var claim = claims.FirstOrDefault(c => c.Slot == slot);
            if (claim is null)
            {
                claim = new ReviewClaim { ItemId = itemId, Slot = slot };
                db.ReviewClaims.Add(claim);
            }
            (claim.Reviewer, claim.Token, claim.ClaimedAt, claim.LeaseUntil, claim.Released) = (reviewer.Id, item.Fence, now, now.AddMinutes(item.ClaimMinutes), false);
            await db.SaveChangesAsync(cancellationToken);
            return new ReviewClaimView(itemId, slot, claim.Token, claim.LeaseUntil);
        }, cancellationToken).AsTask();

    /// <summary>The token of the claim <paramref name="reviewer"/> holds on an item now, or null (the CLI decides under it without being told).</summary>
    public async Task<long?> HeldTokenAsync(string itemId, Actor reviewer, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var now = home.Now;
        return await db.ReviewClaims.Where(c => c.ItemId == itemId && c.Reviewer == reviewer.Id && !c.Released && c.LeaseUntil > now)
            .Select(c => (long?)c.Token).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>Gives a claim back before its lease runs out, so another reviewer may take the slot.</summary>
    public Task ReleaseAsync(string itemId, long token, Actor reviewer, CancellationToken cancellationToken) =>
        StoreConflicts.RetriedAsync(MaxAttempts, async _ =>
        {
            await using var db = home.CreateDb();
            var now = home.Now;
            var item = await OpenItemAsync(db, itemId, now, cancellationToken);
            var claims = await db.ReviewClaims.Where(c => c.ItemId == itemId).ToListAsync(cancellationToken);
            var claim = HeldClaim(item, claims, token, reviewer, now);
            claim.Released = true;
            item.Revision++;
            if (item.State == ReviewStates.Claimed && !claims.Any(c => c.HeldAt(now)))
            {
                item.State = ReviewStates.Pending;
            }
            await db.SaveChangesAsync(cancellationToken);
        }, cancellationToken).AsTask();

    /// <summary>Records a decision (or a correction), with its trail entry, in one transaction; refused, nothing is recorded.</summary>
    public async Task<ReviewDecisionView> DecideAsync(string itemId, DecisionRequest request, Actor reviewer, CancellationToken cancellationToken)
    {
        var (useCaseId, version) = await KeyOfAsync(itemId, cancellationToken);
        var spec = await SpecAsync(useCaseId, cancellationToken);
        await CheckAsync(request, spec, version, cancellationToken);
        return await StoreConflicts.RetriedAsync(MaxAttempts, async _ => await new AuditTrail(home).CommitAsync(reviewer, async (db, ct) =>
        {
            var decision = request.Corrects is null ? await DecideOpenAsync(db, itemId, request, reviewer, ct) : await CorrectAsync(db, itemId, request, reviewer, ct);
            db.ReviewDecisions.Add(decision);
            await ReviewEvents.DecidedAsync(db, decision, db.ReviewItems.Local.First(i => i.Id == itemId).State, ct);
            var after = new { decision = decision.Decision, label = decision.Label, value = decision.Value, reason = decision.Reason, escalated_to = decision.EscalatedTo, corrects = decision.Corrects };
            var record = new TrailRecord(TrailActs.ReviewDecided, useCaseId, itemId,
                new { prediction_id = decision.PredictionId, label = decision.LabelBefore, score = decision.ScoreBefore, value = decision.ValueBefore }, after,
                decision.Note ?? decision.Reason);
            return (ReviewDecisionView.Of(decision), record);
        }, cancellationToken), cancellationToken);
    }

    private async Task<ReviewDecision> DecideOpenAsync(GraftDb db, string itemId, DecisionRequest request, Actor reviewer, CancellationToken cancellationToken)
    {
        var now = home.Now;
        var token = request.Token ?? throw GraftException.Invalid("a decision brings the token of its claim (graft review claim gives it)");
        var item = await OpenItemAsync(db, itemId, now, cancellationToken);
        var claims = await db.ReviewClaims.Where(c => c.ItemId == itemId).ToListAsync(cancellationToken);
        var claim = HeldClaim(item, claims, token, reviewer, now);
        claim.Released = true;
        item.Revision++;
        var decision = NewDecision(item, claim.Slot, token, request, reviewer, now);
        if (request.Decision == ReviewDecisions.Escalate)
        {
            (item.State, item.EscalatedTo) = (ReviewStates.Escalated, request.EscalateTo);
            claims.ForEach(c => c.Released = true); // the other slots' reviewers no longer decide it: the role it went to does
            return decision;
        }
        var decided = await db.ReviewDecisions.CountAsync(d => d.ItemId == itemId && d.Corrects == null && d.Decision != ReviewDecisions.Escalate, cancellationToken) + 1;
        if (item.State == ReviewStates.Escalated || decided >= item.Overlap)
        {
            (item.State, item.ClosedAt) = (ReviewStates.Decided, now);
        }
        else
        {
            item.State = claims.Any(c => c.HeldAt(now)) ? ReviewStates.Claimed : ReviewStates.Pending;
        }
        return decision;
    }

    /// <summary>A correction of a decision on a decided item: a new decision naming the one it corrects, which stays as it was.</summary>
    private async Task<ReviewDecision> CorrectAsync(GraftDb db, string itemId, DecisionRequest request, Actor reviewer, CancellationToken cancellationToken)
    {
        var item = await FindAsync(db, itemId, cancellationToken, tracked: true); // tracked: its revision guards a concurrent change
        if (item.State != ReviewStates.Decided)
        {
            throw GraftException.Conflict($"{itemId} is {item.State}; only a decided item's decisions can be corrected");
        }
        var corrected = await db.ReviewDecisions.FirstOrDefaultAsync(d => d.Id == request.Corrects && d.ItemId == itemId, cancellationToken)
            ?? throw GraftException.NotFound($"no decision '{request.Corrects}' on {itemId}");
        item.Revision++;
        return NewDecision(item, corrected.Slot, corrected.Token, request, reviewer, home.Now);
    }

    private static ReviewDecision NewDecision(ReviewItem item, int slot, long token, DecisionRequest request, Actor reviewer, DateTime now) => new()
    {
        Id = Serving.PredictionIds.Next(new DateTimeOffset(now, TimeSpan.Zero)), ItemId = item.Id, UseCaseId = item.UseCaseId, PredictionId = item.PredictionId,
        Slot = slot, Token = token, Reviewer = reviewer.Id, At = now, Decision = request.Decision,
        LabelBefore = item.Label, ScoreBefore = item.Score, ValueBefore = item.Value,
        Label = request.Decision == ReviewDecisions.Override ? request.Label : request.Decision == ReviewDecisions.Accept ? item.Label : null,
        Value = request.Decision == ReviewDecisions.Override ? request.Value : request.Decision == ReviewDecisions.Accept ? item.Value : null,
        Reason = request.Reason, Note = request.Note, EscalatedTo = request.Decision == ReviewDecisions.Escalate ? request.EscalateTo : null,
        Corrects = request.Corrects, SecondsToDecide = Math.Max(0, (now - item.CreatedAt).TotalSeconds),
    };

    /// <summary>What a decision must say, checked before anything is touched: 400 for each way it can be wrong.</summary>
    private async Task CheckAsync(DecisionRequest request, UseCaseSpec spec, string? version, CancellationToken cancellationToken)
    {
        if (!ReviewDecisions.All.Contains(request.Decision))
        {
            throw GraftException.Invalid($"'{request.Decision}' is not a decision; it is one of {string.Join(", ", ReviewDecisions.All)}");
        }
        if (request.Corrects is not null && request.Decision == ReviewDecisions.Escalate)
        {
            throw GraftException.Invalid("a correction accepts or overrides; escalate an open item instead");
        }
        if (request.Decision == ReviewDecisions.Escalate)
        {
            if (request.EscalateTo is not { } role || !EscalationRoles.Contains(role))
            {
                throw GraftException.Invalid($"an escalation names the role it goes to (--to {string.Join("|", EscalationRoles)})");
            }
            if (string.IsNullOrWhiteSpace(request.Reason) && string.IsNullOrWhiteSpace(request.Note))
            {
                throw GraftException.Invalid("an escalation needs a reason (--reason or --note)");
            }
            return;
        }
        if (request.Decision != ReviewDecisions.Override)
        {
            return;
        }
        var reasons = spec.Review?.Reasons ?? [];
        if (string.IsNullOrWhiteSpace(request.Reason) || !reasons.Contains(request.Reason))
        {
            throw GraftException.Invalid(request.Reason is null
                ? $"an override needs a reason code (--reason), one of {string.Join(", ", reasons)}"
                : $"'{request.Reason}' is not one of the spec's reason codes: {string.Join(", ", reasons)}");
        }
        if (spec.Task == TaskKind.Regression)
        {
            if (request.Value is not { } v || !double.IsFinite(v))
            {
                throw GraftException.Invalid("an override of a regression answer gives the corrected value (--value)");
            }
            return;
        }
        var classes = await new Registry.ModelRegistry(home).ClassesAsync(spec, version, cancellationToken);
        if (request.Label is not { } label || !classes.Contains(label))
        {
            throw GraftException.Invalid(request.Label is null
                ? $"an override gives the corrected label (--label), one of {string.Join(", ", classes)}"
                : $"'{request.Label}' is not one of the use case's classes: {string.Join(", ", classes)}");
        }
    }

    /// <summary>
    /// Brings stored states up to date: items nobody decided in time expire; claimed items whose every claim ran out are
    /// pending again. Safe to run from several processes at once (each change is idempotent).
    /// </summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var now = home.Now;
        var expired = await db.ReviewItems.Where(i => ReviewStates.Open.Contains(i.State) && i.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, ReviewStates.Expired).SetProperty(i => i.ClosedAt, now).SetProperty(i => i.Revision, i => i.Revision + 1), cancellationToken);
        await db.ReviewItems.Where(i => i.State == ReviewStates.Claimed && !db.ReviewClaims.Any(c => c.ItemId == i.Id && !c.Released && c.LeaseUntil > now))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.State, ReviewStates.Pending).SetProperty(i => i.Revision, i => i.Revision + 1), cancellationToken);
        return expired;
    }

    private static ReviewClaim HeldClaim(ReviewItem item, List<ReviewClaim> claims, long token, Actor reviewer, DateTime now)
    {
        var claim = claims.FirstOrDefault(c => c.Token == token);
        if (claim is null)
        {
            // Tokens come from the item's fence: one it gave out that no slot holds any more was taken over by a later claim.
            throw GraftException.Conflict(token > 0 && token <= item.Fence && claims.Count > 0
                ? $"claim {token} on {item.Id} was superseded by a later claim (token {claims.Max(c => c.Token)}) after its lease ran out"
                : $"{item.Id} is not claimed by {reviewer.Id}; claim it first (graft review claim {item.Id})");
        }
        if (claim.Reviewer != reviewer.Id)
        {
            throw GraftException.Conflict($"{item.Id} is claimed by {claim.Reviewer}, not by {reviewer.Id}");
        }
        if (claim.Released)
        {
            throw GraftException.Conflict($"claim {token} on {item.Id} was released or has been used; claim it again");
        }
        if (claim.LeaseUntil <= now)
        {
            throw GraftException.Conflict($"the claim on {item.Id} ran out at {claim.LeaseUntil:u}; claim it again");
        }
        return claim;
    }

    /// <summary>The item, open: one past its expiry is expired here and now (refused), whether or not the sweep has run.</summary>
    private static async Task<ReviewItem> OpenItemAsync(GraftDb db, string itemId, DateTime now, CancellationToken cancellationToken)
    {
        var item = await FindAsync(db, itemId, cancellationToken, tracked: true);
        if (item.IsOpen && item.ExpiresAt <= now)
        {
            throw GraftException.Conflict($"{itemId} expired at {item.ExpiresAt:u}, undecided");
        }
        if (!item.IsOpen)
        {
            throw GraftException.Conflict($"{itemId} is {item.State}; only an open item can be claimed, released or decided");
        }
        return item;
    }

    private static async Task<ReviewItem> FindAsync(GraftDb db, string itemId, CancellationToken cancellationToken, bool tracked = false) =>
        await (tracked ? db.ReviewItems : db.ReviewItems.AsNoTracking()).FirstOrDefaultAsync(i => i.Id == itemId, cancellationToken)
        ?? throw GraftException.NotFound($"no review item '{itemId}'");

    private async Task<UseCaseSpec> SpecAsync(string useCaseId, CancellationToken cancellationToken) =>
        (await new UseCaseCatalog(home).GetAsync(useCaseId, cancellationToken)).Revision.Spec();

    private static System.Text.Json.JsonElement Json(string json) => System.Text.Json.JsonDocument.Parse(json).RootElement.Clone();
}
