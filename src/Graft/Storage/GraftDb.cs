using Graft.Audit;
using Graft.Data;
using Graft.Governance;
using Graft.Registry;
using Graft.Serving;
using Graft.Training;
using Graft.UseCases;
using Microsoft.EntityFrameworkCore;

namespace Graft.Storage;

/// <summary>Graft's state: use cases and their spec revisions, dataset versions, audits, training runs and the jobs that requested them, model versions, champion changes, API keys, the prediction log (in pages), rollout states, traffic counts and challenger comparisons, the audit trail with its checkpoints, the review queue (items, claims, decisions), outcomes, and webhooks with their delivery log.</summary>
public sealed class GraftDb(DbContextOptions<GraftDb> options) : DbContext(options)
{
    public DbSet<UseCase> UseCases => Set<UseCase>();
    public DbSet<SpecRevision> SpecRevisions => Set<SpecRevision>();
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
    public DbSet<UseCaseDataset> UseCaseDatasets => Set<UseCaseDataset>();
    public DbSet<AuditRecord> Audits => Set<AuditRecord>();
    public DbSet<TrainingRun> TrainingRuns => Set<TrainingRun>();
    public DbSet<TrainingJobRecord> TrainingJobs => Set<TrainingJobRecord>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<ChampionChange> ChampionChanges => Set<ChampionChange>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<PredictionPage> PredictionPages => Set<PredictionPage>();
    public DbSet<Rollout.RolloutState> RolloutStates => Set<Rollout.RolloutState>();
    public DbSet<Monitoring.TrafficWindow> TrafficWindows => Set<Monitoring.TrafficWindow>();
    public DbSet<Monitoring.MonitoringWindow> MonitoringWindows => Set<Monitoring.MonitoringWindow>();
    public DbSet<Monitoring.AlertStatus> AlertStatuses => Set<Monitoring.AlertStatus>();
    public DbSet<Monitoring.AlertEvent> AlertEvents => Set<Monitoring.AlertEvent>();
    public DbSet<Rollout.Challengers.ChallengerComparison> ChallengerComparisons => Set<Rollout.Challengers.ChallengerComparison>();
    public DbSet<Governance.TrailEntry> TrailEntries => Set<Governance.TrailEntry>();
    public DbSet<Governance.TrailCheckpoint> TrailCheckpoints => Set<Governance.TrailCheckpoint>();
    public DbSet<Governance.ScheduledRun> ScheduledRuns => Set<Governance.ScheduledRun>();
    public DbSet<Webhooks.WebhookSubscription> WebhookSubscriptions => Set<Webhooks.WebhookSubscription>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Review.ReviewItem> ReviewItems => Set<Review.ReviewItem>();
    public DbSet<Review.ReviewClaim> ReviewClaims => Set<Review.ReviewClaim>();
    public DbSet<Review.ReviewDecision> ReviewDecisions => Set<Review.ReviewDecision>();
    public DbSet<Feedback.Outcome> Outcomes => Set<Feedback.Outcome>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<UseCase>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasMaxLength(63);
        });
        modelBuilder.Entity<SpecRevision>(e =>
        {
            e.HasKey(x => new { x.UseCaseId, x.Revision });
            e.HasOne<UseCase>().WithMany().HasForeignKey(x => x.UseCaseId);
        });
        modelBuilder.Entity<DatasetVersion>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Sha256).IsUnique();
            e.Ignore(x => x.ArtifactKey);
        });
        modelBuilder.Entity<UseCaseDataset>(e =>
        {
            e.HasKey(x => new { x.UseCaseId, x.DatasetVersionId });
            e.HasOne<UseCase>().WithMany().HasForeignKey(x => x.UseCaseId);
            e.HasOne<DatasetVersion>().WithMany().HasForeignKey(x => x.DatasetVersionId);
        });
        modelBuilder.Entity<AuditRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.UseCaseId, x.DatasetVersionId });
        });
        modelBuilder.Entity<TrainingRun>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasOne<UseCase>().WithMany().HasForeignKey(x => x.UseCaseId);
        });
        modelBuilder.Entity<ModelVersion>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.UseCaseId, x.Number }).IsUnique();
            e.HasOne<UseCase>().WithMany().HasForeignKey(x => x.UseCaseId);
            e.HasOne<TrainingRun>().WithMany().HasForeignKey(x => x.TrainingRunId);
        });
        modelBuilder.Entity<TrainingJobRecord>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Status);
        });
        modelBuilder.Entity<PredictionPage>(e =>
        {
            // The log's one index besides the row id, an entry a page rather than a prediction: ids are UUIDv7 in hex,
            // whose first twelve digits are the time in milliseconds, so the pages that may hold an id, or a window of
            // the log, are a range of first ids (PredictionLogReader). Its last id is in the index too, so finding them
            // reads no page.
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.UseCaseId, x.FirstId, x.LastId });
        });
        modelBuilder.Entity<ApiKey>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.SecretSha256).IsUnique();
        });
        modelBuilder.Entity<Rollout.RolloutState>(e =>
        {
            e.HasKey(x => x.UseCaseId);
            e.Property(x => x.Revision).IsConcurrencyToken(); // two processes changing one rollout: the second retries on what the first left
            e.HasOne<UseCase>().WithMany().HasForeignKey(x => x.UseCaseId);
        });
        modelBuilder.Entity<Monitoring.TrafficWindow>(e =>
        {
            e.HasKey(x => new { x.UseCaseId, x.Stage, x.Start });
            e.Property(x => x.Revision).IsConcurrencyToken(); // two processes adding to one minute: the second adds again to what the first left
        });
        modelBuilder.Entity<Monitoring.MonitoringWindow>(e =>
        {
            e.HasKey(x => new { x.UseCaseId, x.ModelVersion, x.Start });
            e.HasIndex(x => new { x.UseCaseId, x.Start });
            e.Property(x => x.Revision).IsConcurrencyToken(); // as for traffic windows
        });
        modelBuilder.Entity<Monitoring.AlertStatus>(e =>
        {
            e.HasKey(x => new { x.UseCaseId, x.Name });
            e.Property(x => x.Revision).IsConcurrencyToken(); // of processes evaluating one rule, the second reads again what the first left
        });
        modelBuilder.Entity<Monitoring.AlertEvent>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.UseCaseId, x.At });
        });
        modelBuilder.Entity<Rollout.Challengers.ChallengerComparison>(e =>
        {
            e.HasKey(x => new { x.UseCaseId, x.ChampionVersion, x.ChallengerVersion, x.Since });
            e.Property(x => x.Revision).IsConcurrencyToken(); // processes adding to one comparison: the later one adds again to what the first left
        });
        modelBuilder.Entity<ChampionChange>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.UseCaseId, x.At });
            e.HasOne<UseCase>().WithMany().HasForeignKey(x => x.UseCaseId);
        });
        modelBuilder.Entity<Governance.TrailEntry>(e =>
        {
            // The sequence number is the key, given by the appender, never by the database: two appenders that took the
            // same number collide here, and the later one runs its change again (AuditTrail.CommitAsync).
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.HasIndex(x => new { x.UseCaseId, x.At });
            e.HasIndex(x => x.At);
            // No foreign key to the use case: the trail outlives what it names, and must never be changed by a cascade.
        });
        modelBuilder.Entity<Governance.ScheduledRun>(e => e.HasKey(x => new { x.Kind, x.Slot })); // the key is the claim: one row per job and slot
        modelBuilder.Entity<Governance.TrailCheckpoint>(e =>
        {
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
        });
        modelBuilder.Entity<Webhooks.WebhookSubscription>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.UseCaseId);
            e.HasOne<UseCase>().WithMany().HasForeignKey(x => x.UseCaseId);
        });
        modelBuilder.Entity<Webhooks.WebhookDelivery>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.LastError).HasMaxLength(Webhooks.WebhookDelivery.MaxErrorLength);
            e.Property(x => x.Revision).IsConcurrencyToken(); // the claim: of senders that read the same due row, the first to save it sends it
            e.HasIndex(x => new { x.Status, x.NextAttemptAt }); // what every sender asks about every second
            e.HasIndex(x => new { x.UseCaseId, x.CreatedAt });
            e.HasOne<Webhooks.WebhookSubscription>().WithMany().HasForeignKey(x => x.SubscriptionId);
        });
        modelBuilder.Entity<Review.ReviewItem>(e =>
        {
            e.HasKey(x => x.Id);
            e.Property(x => x.Revision).IsConcurrencyToken(); // two reviewers changing one item: the second looks again at what the first left
            e.HasIndex(x => new { x.UseCaseId, x.State, x.CreatedAt });
            e.HasIndex(x => new { x.State, x.ExpiresAt });
            e.HasIndex(x => x.PredictionId);
            e.Ignore(x => x.IsOpen);
        });
        modelBuilder.Entity<Review.ReviewClaim>(e =>
        {
            e.HasKey(x => new { x.ItemId, x.Slot }); // one claim a slot: two reviewers taking the same free slot collide here
            e.HasIndex(x => x.Reviewer);
        });
        modelBuilder.Entity<Review.ReviewDecision>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.ItemId);
            e.HasIndex(x => x.PredictionId); // what explain shows of a prediction
            e.HasIndex(x => new { x.UseCaseId, x.At });
        });
        modelBuilder.Entity<Feedback.Outcome>(e =>
        {
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.UseCaseId, x.PredictionId });
            e.HasIndex(x => new { x.UseCaseId, x.ObservedAt });
        });
    }
}
