using System.Security.Cryptography;
using System.Text;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.UseCases;

/// <summary>Registers use cases from spec files, declaratively: applying a changed file records a new revision.</summary>
public sealed class UseCaseCatalog(GraftHome home)
{
    /// <summary>Applies a spec; when <paramref name="expectedId"/> is given (the API's path names the use case), a spec with another id is refused.</summary>
    /// <param name="yaml">The spec's text.</param>
    /// <param name="source">Where it came from, for error messages.</param>
    /// <param name="cancellationToken">Stops the work.</param>
    /// <param name="expectedId">The id the spec must have, or null.</param>
    public async Task<ApplyResult> ApplyAsync(string yaml, string source, CancellationToken cancellationToken, string? expectedId = null)
    {
        var spec = SpecReader.Parse(yaml, source);
        if (expectedId is not null && spec.Id != expectedId)
        {
            throw GraftException.Invalid($"the spec's id is '{spec.Id}' but the path names '{expectedId}'");
        }
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        await using var db = home.CreateDb();
        var useCase = await db.UseCases.FindAsync([spec.Id], cancellationToken);
        var outcome = ApplyOutcome.Updated;
        if (useCase is null)
        {
            useCase = new UseCase(spec.Id, spec.Title, spec.Task, home.Now);
            db.UseCases.Add(useCase);
            db.RolloutStates.Add(Rollout.RolloutState.Initial(spec.Id, spec.InitialStage, home.Now)); // later revisions leave the stage alone
            outcome = ApplyOutcome.Created;
        }
        else
        {
            var current = await db.SpecRevisions.FindAsync([useCase.Id, useCase.Revision], cancellationToken);
            if (current?.Sha256 == sha)
            {
                return new ApplyResult(useCase.Id, useCase.Revision, ApplyOutcome.Unchanged);
            }
        }
        db.SpecRevisions.Add(useCase.Revise(spec, yaml, sha, home.Now));
        await db.SaveChangesAsync(cancellationToken);
        return new ApplyResult(useCase.Id, useCase.Revision, outcome);
    }

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
