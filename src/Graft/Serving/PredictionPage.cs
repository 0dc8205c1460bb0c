namespace Graft.Serving;

/// <summary>
/// A page of the prediction log: records of one use case written together, as one gzip-compressed JSON array
/// in one row, with the lowest and highest prediction id it holds. A row and an index entry per prediction, and
/// the bytes the store's write-ahead log then wrote twice, cost the server a sixth of its throughput; a page is a
/// row for hundreds, and compressed it is about a quarter of the bytes (docs/benchmarks.md). A page holds at most
/// <see cref="MaxRecords"/> records, made less than <see cref="MaxSpan"/> apart, so the pages that may hold an
/// id are found through the index on (use case, first id) (<see cref="PredictionLogReader"/>).
/// </summary>
public sealed class PredictionPage
{
    public const int MaxRecords = 500;

    public static readonly TimeSpan MaxSpan = TimeSpan.FromMinutes(1);

    public long Id { get; set; }

    public string UseCaseId { get; set; } = "";

    public string FirstId { get; set; } = "";

    public string LastId { get; set; } = "";

    public int Count { get; set; }

    /// <summary>
    /// The records as a JSON array, each named as the API names it (<see cref="PredictionRecordJson"/>), gzip-compressed.
    /// </summary>
    public byte[] Records { get; set; } = [];

    /// <summary>
    /// The page's entities, for finding an entity's predictions without opening pages (<see cref="Feedback.PageEntities"/>):
    /// for each record with an entity, the 32-bit hash of its entity and its place in the page, sorted by hash. Null for a
    /// page without entities.
    /// </summary>
    public byte[]? Entities { get; set; }

    /// <summary>When retention dropped the inputs of this page's records (their answers and entities stay); null while kept.</summary>
    public DateTime? InputsDroppedAt { get; set; }

    /// <summary>
    /// A batch of records cut into pages, in the order they came: by use case, at most <see cref="MaxRecords"/> to
    /// a page, and none made <see cref="MaxSpan"/> or more apart from another of its page. Ids that do not start
    /// with a time keep to pages of their own, found by a scan of their use case's pages. Not sorted: a batch is
    /// nearly in time order already, and sorting it cost as much as writing its JSON.
    /// </summary>
    internal static IEnumerable<Draft> Cut(IReadOnlyList<PredictionRecord> batch)
    {
        var open = new Dictionary<string, Draft>(StringComparer.Ordinal);
        Draft? last = null;
        foreach (var record in batch)
        {
            var ms = PredictionIds.TimeOf(record.Id)?.ToUnixTimeMilliseconds();
            // Nearly always the same use case as the record before, and then the same string.
            var page = last is not null && ReferenceEquals(last.UseCaseId, record.UseCaseId) ? last : open.GetValueOrDefault(record.UseCaseId);
            if (page is not null && !page.TryAdd(record, ms))
            {
                yield return page;
                page = null;
            }
            if (page is null)
            {
                page = new Draft(record, ms);
                open[record.UseCaseId] = page;
            }
            last = page;
        }
        foreach (var page in open.Values)
        {
            yield return page;
        }
    }

    /// <summary>A page being cut: its records, lowest and highest id, and the span of their times.</summary>
    internal sealed class Draft
    {
        private readonly bool _timed;
        private long _earliest;
        private long _latest;

        public Draft(PredictionRecord first, long? ms)
        {
            (UseCaseId, FirstId, LastId) = (first.UseCaseId, first.Id, first.Id);
            (_timed, _earliest, _latest) = (ms is not null, ms ?? 0, ms ?? 0);
            Records.Add(first);
        }

        public string UseCaseId { get; }

        public List<PredictionRecord> Records { get; } = [];

        public string FirstId { get; private set; }

        public string LastId { get; private set; }

        /// <summary>Adds the record if it fits: there is room, and it was made within the span of the others.</summary>
        public bool TryAdd(PredictionRecord record, long? ms)
        {
            if (Records.Count == MaxRecords || _timed != (ms is not null))
            {
                return false;
            }
            if (ms is { } at)
            {
                var (earliest, latest) = (Math.Min(_earliest, at), Math.Max(_latest, at));
                if (latest - earliest >= MaxSpan.TotalMilliseconds)
                {
                    return false;
                }
                (_earliest, _latest) = (earliest, latest);
            }
            Records.Add(record);
            FirstId = string.CompareOrdinal(record.Id, FirstId) < 0 ? record.Id : FirstId;
            LastId = string.CompareOrdinal(record.Id, LastId) > 0 ? record.Id : LastId;
            return true;
        }
    }
}
