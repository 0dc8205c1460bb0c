namespace Graft.Storage;

/// <summary>
/// Where dataset files and model artifacts live, by key (e.g. <c>models/churn-risk-v3/model.zip</c>).
/// Writes are all-or-nothing: a reader never sees half a file.
/// </summary>
public interface IArtifactStore
{
    Task PutAsync(string key, Stream content, CancellationToken cancellationToken);

    Task<Stream> OpenReadAsync(string key, CancellationToken cancellationToken);

    bool Exists(string key);

    Task DeleteAsync(string key, CancellationToken cancellationToken);
}
