using System.Text.Json;

namespace Graft.Governance;

/// <summary>
/// Checkpoints as JSON Lines, one a line (<see cref="TrailCheckpointView"/>): the store's own file beside the database
/// (<see cref="FileName"/>), appended to whenever one is written, and any copy an auditor keeps. Removing checkpoints
/// from the database then does not remove them from here.
/// </summary>
public static class TrailCheckpointFile
{
    public const string FileName = "trail-checkpoints.jsonl";

    public static string PathIn(string root) => Path.Combine(root, FileName);

    /// <summary>Appends checkpoints, one line each, in one write (appends from two processes do not interleave).</summary>
    public static async Task AppendAsync(string path, IEnumerable<TrailCheckpoint> checkpoints, CancellationToken cancellationToken)
    {
        var lines = string.Concat(checkpoints.Select(c => JsonSerializer.Serialize(TrailCheckpointView.Of(c), Registry.ModelRegistry.Json) + "\n"));
        if (lines.Length > 0)
        {
            await File.AppendAllTextAsync(path, lines, cancellationToken);
        }
    }

    /// <summary>The checkpoints of a file (none when the store's own is absent); a line that is not one is invalid.</summary>
    public static async Task<IReadOnlyList<TrailCheckpoint>> ReadAsync(string path, bool required, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return required ? throw GraftException.NotFound($"no checkpoints file '{path}'") : [];
        }
        var checkpoints = new List<TrailCheckpoint>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }
            try
            {
                if (JsonSerializer.Deserialize<TrailCheckpointView>(line, Registry.ModelRegistry.Json) is { Hash: not null, PublicKey: not null, Signature: not null } view)
                {
                    checkpoints.Add(view.ToCheckpoint());
                    continue;
                }
            }
            catch (Exception e) when (e is JsonException or FormatException)
            {
                // named below
            }
            throw GraftException.Invalid($"{path}, line {number}, is not a trail checkpoint");
        }
        return checkpoints;
    }
}
