using System.CommandLine;
using Graft.Governance;

namespace Graft.Cli.Commands.Governance;

/// <summary>The options that pick entries of the trail, shared by <c>graft trail list</c> and <c>graft trail export</c>.</summary>
internal sealed class TrailFilterOptions
{
    public Option<string?> UseCase { get; } = new("--usecase") { Description = "Only the entries of this use case" };

    public Option<string?> Since { get; } = new("--since") { Description = "Only entries at or after this time (ISO 8601, UTC unless a zone is given)" };

    public void AddTo(Command command)
    {
        command.Options.Add(UseCase);
        command.Options.Add(Since);
    }

    public TrailFilter Filter(ParseResult parse, DateTime now, int? limit = null) => new(
        parse.GetValue(UseCase),
        parse.GetValue(Since) is { } since ? TrailTime.Parse(since, "--since", now) : null,
        limit);
}
