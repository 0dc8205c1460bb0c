using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json;
using Graft.Registry;
using Graft.Storage;
using Graft.Training;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Graft.Serving;

/// <summary>
/// A model version loaded once and scored through a pool of sessions (ML.NET's scoring objects are not
/// thread-safe). Loading checks the artifact against the hash the registry recorded, so a corrupt or swapped
/// file is refused rather than served.
/// </summary>
public sealed class LoadedModel
{
    private readonly ScoringParts _parts;
    private readonly DataViewSchema _inputSchema;
    private readonly ConcurrentBag<ScoringSession> _pool = [];

    private LoadedModel(ModelCard card, ITransformer model, DataViewSchema inputSchema, bool encode)
    {
        Card = card;
        Threshold = ModelNumbers.Threshold(card);
        _inputSchema = inputSchema;
        _parts = ScoringParts.Of(model, card, inputSchema, encode); // read-only, so every session shares them
    }

    /// <summary>Whether Graft featurizes rows for this model itself (<see cref="FeatureEncoder"/>), not ML.NET's transforms.</summary>
    internal bool EncodesItself => _parts.Encoder is not null;

    public ModelCard Card { get; }

    /// <summary>A binary model's decision threshold as answers show it (<see cref="ModelNumbers.Threshold"/>), worked out once.</summary>
    public double Threshold { get; }

    public string Version => Card.Version;

    /// <summary>
    /// Loads a registered version. An unknown version is NotFound; one whose files are missing, altered or
    /// unreadable is a Conflict ("cannot be served"), whatever the underlying cause, so callers catch one thing.
    /// </summary>
    public static async Task<LoadedModel> LoadAsync(GraftHome home, string version, CancellationToken cancellationToken)
    {
        var registered = await new ModelRegistry(home).GetAsync(version, cancellationToken);
        try
        {
            var bytes = await ReadAsync(home, registered.ArtifactKey, cancellationToken);
            if (Convert.ToHexStringLower(SHA256.HashData(bytes)) != registered.ArtifactSha256)
            {
                throw new InvalidDataException("its artifact does not match the hash recorded when it was registered");
            }
            var card = JsonSerializer.Deserialize<ModelCard>(await ReadAsync(home, ModelRegistry.CardKey(version), cancellationToken), ModelRegistry.Json)
                ?? throw new InvalidDataException("its model card is empty");
            return Load(card, bytes);
        }
        catch (Exception e) when (e is not (GraftException or OperationCanceledException))
        {
            throw GraftException.Conflict($"{version} cannot be served: {e.Message.Split('\n')[0]}");
        }
    }

    public static LoadedModel Load(ModelCard card, byte[] modelZip) => Load(card, modelZip, encode: true);

    /// <summary>Loads a model; without <paramref name="encode"/> every row goes through ML.NET's own featurizer and predictor (what tests compare against).</summary>
    internal static LoadedModel Load(ModelCard card, byte[] modelZip, bool encode)
    {
        var ml = new MLContext();
        using var stream = new MemoryStream(modelZip, writable: false);
        var model = ml.Model.Load(stream, out _);
        var builder = new DataViewSchema.Builder();
        foreach (var input in card.Inputs)
        {
            builder.AddColumn(input.Column, input.Kind == InputKind.Numeric ? NumberDataViewType.Single : TextDataViewType.Instance);
        }
        var loaded = new LoadedModel(card, model, builder.ToSchema(), encode);
        loaded.Return(loaded.Rent()); // fail now, not on the first request, if the model cannot score this schema
        return loaded;
    }

    /// <summary>
    /// Readies the model to serve: a session for each core, and one row scored and explained, so the first
    /// requests after a load neither build sessions nor compile the scoring path inside their latency budget.
    /// The row holds zeros and empty text, not missing values, so it takes the path real rows take.
    /// </summary>
    public void Warm()
    {
        var ready = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => Rent()).ToList();
        ready.ForEach(Return);
        Score(Card.Inputs.ToDictionary(i => i.Field, i => i.Kind == InputKind.Numeric ? (object?)0.0 : "", StringComparer.Ordinal), explain: true);
    }

    /// <summary>Scores one row; <paramref name="inputs"/> maps field names to values (missing fields are missing values).</summary>
    public ModelOutput Score(IReadOnlyDictionary<string, object?> inputs, bool explain = true) =>
        Score(InputColumns.From(Card, [inputs], InputValues.Number, InputValues.Text), explain)[0];

    /// <summary>
    /// Scores a batch through one pooled session, on the caller's thread. ML.NET's own
    /// <c>Transform</c> would split the rows across background threads, which for request-sized batches costs far
    /// more in hand-offs than it gains, and takes cores other requests are using.
    /// </summary>
    public List<ModelOutput> Score(InputColumns columns, bool explain) => Use(static (session, a) =>
    {
        var outputs = new List<ModelOutput>(a.columns.RowCount);
        session.Score(a.columns, a.explain, outputs);
        return outputs;
    }, (columns, explain));

    /// <summary>Scores one request row through a pooled session, on the caller's thread.</summary>
    public ModelOutput Score(IReadOnlyDictionary<string, InputValue> row, bool explain) => Use(static (session, a) => session.Score(a.row, a.explain), (row, explain));

    /// <summary>How many of the rows reach each leaf of each tree (for <see cref="ModelCard.LeafCover"/>); null for a model that is not trees Graft scores.</summary>
    public int[][]? LeafCover(InputColumns columns) => Use(static (session, columns) => session.CountLeaves(columns), columns);

    /// <summary>Runs <paramref name="use"/> with a session from the pool, on the caller's thread, and returns the session after.</summary>
    private T Use<TState, T>(Func<ScoringSession, TState, T> use, TState state)
    {
        var session = Rent();
        try
        {
            return use(session, state);
        }
        finally
        {
            Return(session);
        }
    }

    private ScoringSession Rent() => _pool.TryTake(out var session) ? session : new ScoringSession(_parts, Card, Threshold, _inputSchema);

    private void Return(ScoringSession session)
    {
        if (_pool.Count < Environment.ProcessorCount * 4)
        {
            _pool.Add(session);
        }
    }

    private static async Task<byte[]> ReadAsync(GraftHome home, string key, CancellationToken cancellationToken)
    {
        await using var stream = await home.Artifacts.OpenReadAsync(key, cancellationToken);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
