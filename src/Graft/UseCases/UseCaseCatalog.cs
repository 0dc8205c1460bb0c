using System.Security.Cryptography;
using System.Text;
using Graft.Storage;
using Microsoft.EntityFrameworkCore;

namespace Graft.UseCases;

/// <summary>Registers use cases from spec files, declaratively: applying a changed file records a new revision.</summary>
public sealed class UseCaseCatalog(GraftHome home)
{
    public async Task<ApplyResult> ApplyAsync(string yaml, string source, CancellationToken cancellationToken)
    {
        var spec = SpecReader.Parse(yaml, source);
        var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(yaml)));
        await using var db = home.CreateDb();
        var useCase = await db.UseCases.FindAsync([spec.Id], cancellationToken);
        var outcome = ApplyOutcome.Updated;
        if (useCase is null)
        {
            useCase = new UseCase(spec.Id, spec.Title, spec.Task, home.Now);
            db.UseCases.Add(useCase);
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
