using System.Security.Cryptography;
using System.Text;
using Graft.Governance;
using Graft.Rollout;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.UseCases;

/// <summary>Registers use cases from spec files, declaratively: applying a changed file records a new revision.</summary>
public sealed class UseCaseCatalog(GraftHome home)
{
    /// <summary>
    /// Applies a spec; when <paramref name="expectedId"/> is given (the API's path names the use case), a spec with another
    /// id is refused. A new revision is an act in the audit trail, and so is each acknowledgement of an audit finding that
    /// it adds, in the same transaction; an unchanged spec is none.
    /// </summary>
    /// <param name="yaml">The spec's text.</param>
    /// <param name="source">Where it came from, for error messages.</param>
    /// <param name="actor">Who applies it.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="expectedId">The id the spec must have, or null.</param>
    public async Task<ApplyResult> ApplyAsync(string yaml, string source, Actor actor, CancellationToken cancellationToken, string? expectedId = null)
    {
        var spec = SpecReader.Parse(yaml, source);
        if (expectedId is not null && spec.Id != expectedId)
        {
            throw GraftException.Invalid($"the spec's id is '{spec.Id}' but the path names '{expectedId}'");
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        return await new AuditTrail(home).CommitActsAsync<ApplyResult>(actor, async (db, ct) =>
        {
            var useCase = await db.UseCases.FindAsync([spec.Id], ct);
            SpecRevision? current = null;
            if (useCase is null)
            {
                useCase = new UseCase(spec.Id, spec.Title, spec.Task, home.Now);
                db.UseCases.Add(useCase);
                db.RolloutStates.Add(RolloutState.Initial(spec.Id, spec.InitialStage, home.Now)); // later revisions leave the stage alone
            }
            else
            {
                current = await db.SpecRevisions.FindAsync([useCase.Id, useCase.Revision], ct);
                if (current?.Sha256 == sha)
                {
                    return (new ApplyResult(useCase.Id, useCase.Revision, ApplyOutcome.Unchanged), []);
                }
            }
            var revision = useCase.Revise(spec, yaml, sha, home.Now);
            db.SpecRevisions.Add(revision);
            var applied = current is null
                ? new TrailRecord(TrailActs.UseCaseApplied, spec.Id, $"{spec.Id}@{revision.Revision}", null,
                    new { revision = revision.Revision, sha256 = sha, stage = spec.InitialStage.Word(), cohort_percent = 100 })
                : new TrailRecord(TrailActs.UseCaseApplied, spec.Id, $"{spec.Id}@{revision.Revision}",
                    new { revision = current.Revision, sha256 = current.Sha256 }, new { revision = revision.Revision, sha256 = sha });
            var outcome = current is null ? ApplyOutcome.Created : ApplyOutcome.Updated;
            return (new ApplyResult(useCase.Id, useCase.Revision, outcome), [applied, .. Acknowledged(spec, current?.Spec())]);
        }, cancellationToken);
    }

    /// <summary>An act for each acknowledgement the spec makes that its previous revision did not (the same finding, person and reason).</summary>
    private static IEnumerable<TrailRecord> Acknowledged(UseCaseSpec spec, UseCaseSpec? previous) =>
        spec.Acknowledged.Except(previous?.Acknowledged ?? []).Select(a => new TrailRecord(
            TrailActs.AuditAcknowledged, spec.Id, $"{a.Code}:{a.Field}", null, new { code = a.Code, field = a.Field, by = a.By }, a.Reason));

    public async Task<(UseCase UseCase, SpecRevision Revision)> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        var useCase = await db.UseCases.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (useCase is null)
        {
            var known = await db.UseCases.Select(u => u.Id).ToListAsync(cancellationToken);
            var hint = known.Count == 0 ? "; none is registered yet (graft usecase apply <spec.yaml>)" : $"; known: {string.Join(", ", known)}";
            throw GraftException.NotFound($"no use case '{id}'{hint}");
        }
        var revision = await db.SpecRevisions.AsNoTracking()
            .FirstAsync(r => r.UseCaseId == id && r.Revision == useCase.Revision, cancellationToken);
        return (useCase, revision);
    }

    public async Task<IReadOnlyList<UseCase>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = home.CreateDb();
        return await db.UseCases.AsNoTracking().OrderBy(u => u.Id).ToListAsync(cancellationToken);
    }
}

public enum ApplyOutcome
{
    Created = 1,
    Updated = 2,
    Unchanged = 3,
}

public sealed record ApplyResult(string UseCaseId, int Revision, ApplyOutcome Outcome);
