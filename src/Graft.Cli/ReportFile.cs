namespace Graft.Cli;

/// <summary>
/// Writes a report to a path the user named (<c>--html</c>, <c>--output</c>): whole or not at all (a file beside it, then
/// moved into place), and a path that cannot be written is the user's mistake, named with the option, not an
/// unexpected error.
/// </summary>
public static class ReportFile
{
    public static async Task WriteAsync(string option, string path, string contents, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var partial = $"{full}.{Guid.NewGuid():N}.partial";
        try
        {
            await File.WriteAllTextAsync(partial, contents, cancellationToken);
            File.Move(partial, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (File.Exists(partial))
            {
                File.Delete(partial);
            }
            var why = e switch
            {
                DirectoryNotFoundException => "its folder does not exist",
                UnauthorizedAccessException => "permission denied",
                _ => e.Message,
            };
            throw GraftException.Invalid($"{option}: cannot write '{path}': {why}");
        }
    }
}
