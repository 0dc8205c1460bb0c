using System.Net;
using System.Text;
using System.Text.Json;
using Graft.Governance;
using Graft.Registry;

namespace Graft.Server.Tests;

/// <summary>
/// The OpenAPI document tells the truth about every route: for each status it lists, a request here gets exactly that
/// status, with a body of a content type it lists; and every request here is for a status it lists. A status the
/// document lists that no request brings about fails, as does a request answered with a status the document leaves out.
/// </summary>
public class ApiContractTests
{
    private const string Spec = Graft.Testing.ToyData.Spec + "\n";
    private const string Predict = """{"inputs": {"x": 1, "colour": "red"}}""";
    private const string Infer = """{"inputs": [{"name": "x", "shape": [1], "datatype": "FP64", "data": [1]}, {"name": "colour", "shape": [1], "datatype": "BYTES", "data": ["red"]}]}""";
    private const long OverServerLimit = GraftServer.MaxRequestBytes + 1024;

    /// <summary>Which service a request goes to: most to one on Kestrel (which refuses bodies over the limit); some need a state of their own.</summary>
    private enum Host { Main, Throttled, Busy, Broken }

    /// <summary>
    /// One request; <paramref name="Tries"/> above one sends it again until it gets its status (a rate limit or a full
    /// queue is a matter of how many). <paramref name="BodyBytes"/> sends that many bytes that are never read.
    /// </summary>
    private sealed record Call(string Method, string Path, string? Body = null, string ContentType = "application/json", string? Key = "admin",
        Host Host = Host.Main, int Tries = 1, long? BodyBytes = null)
    {
        public Call Anonymous => this with { Key = null };

        public Call Throttled => this with { Host = Host.Throttled, Tries = 5 };

        public Call Huge(long bytes = OverServerLimit) => this with { Body = null, BodyBytes = bytes };

        public Call As(string key) => this with { Key = key };

        public Call Sent(string body, string? contentType = null) => this with { Body = body, ContentType = contentType ?? ContentType };
    }

    private static Call Get(string path, string? key = "admin") => new("GET", path, Key: key);

    private static Call Post(string path, string? body = "{}", string contentType = "application/json") => new("POST", path, body, contentType);

    /// <summary>What the main service holds, as the requests name it.</summary>
    private sealed record Fixture(int Champion, int Broken, string Dataset, string MisfitDataset, string Job, string RevocableKey, string Prediction, int Challenger,
        string Webhook, string Delivery, string RemovedDelivery);

    private static List<(string Operation, int Status, Call Call)> Calls(Fixture f)
    {
        var live = Get("/healthz", key: null);
        var ready = Get("/readyz", key: null);
        var oipLive = Get("/v2/health/live", key: null);
        var oipReady = Get("/v2/health/ready", key: null);
        var server = Get("/v2");
        var model = Get("/v2/models/toy");
        var version = Get($"/v2/models/toy/versions/{f.Champion}");
        var modelReady = Get("/v2/models/toy/ready");
        var versionReady = Get($"/v2/models/toy/versions/{f.Champion}/ready");
        var infer = Post("/v2/models/toy/infer", Infer);
        var inferVersion = Post($"/v2/models/toy/versions/{f.Champion}/infer", Infer);
        var useCases = Get("/v1/usecases");
        var useCase = Get("/v1/usecases/toy");
        var spec = new Call("PUT", "/v1/usecases/toy/spec", Spec, "application/yaml");
        var models = Get("/v1/usecases/toy/models");
        var lineage = Get($"/v1/models/toy-v{f.Champion}");
        var promote = Post($"/v1/models/toy-v{f.Champion}/promote", """{"reason": "again"}""");
        var rollback = Post("/v1/usecases/strict/rollback", """{"reason": "back"}""");
        var datasets = Get("/v1/usecases/toy/datasets");
        var upload = Post("/v1/usecases/toy/datasets?name=more.csv", Graft.Testing.ToyData.Csv(50, seed: 7), "text/csv");
        var audit = Post($"/v1/usecases/toy/datasets/{f.Dataset}/audit", null);
        var train = Post("/v1/usecases/toy/train");
        var job = Get($"/v1/jobs/{f.Job}");
        var predict = Post("/v1/usecases/toy/predict", Predict);
        var keys = Get("/v1/keys");
        var createKey = Post("/v1/keys", """{"role": "viewer", "use_case": "toy"}""");
        var revokeKey = new Call("DELETE", $"/v1/keys/{f.RevocableKey}");
        var status = Get("/v1/usecases/toy/status");
        var explain = Get($"/v1/usecases/toy/predictions/{f.Prediction}");
        var stage = new Call("PUT", "/v1/usecases/other/stage", """{"stage": "off", "reason": "not yet"}""");
        var kill = Post("/v1/usecases/other/kill", """{"reason": "drill"}""");
        var revive = Post("/v1/usecases/other/revive", """{"reason": "drill over"}""");
        var challenger = new Call("PUT", "/v1/usecases/toy/challenger", $$"""{"version": "toy-v{{f.Challenger}}", "mode": "shadow", "percent": 10, "reason": "compare"}""");
        var clear = new Call("DELETE", "/v1/usecases/other/challenger", """{"reason": "none wanted"}""");
        var report = Get("/v1/usecases/toy/challenger/report");
        var reviews = Get("/v1/review/items");
        var quality = Get("/v1/usecases/toy/quality?window=7d");
        var monitoring = Get("/v1/usecases/toy/monitoring?window=1h");
        var outcomes = Post("/v1/usecases/toy/outcomes", $$"""{"outcomes": [{"prediction_id": "{{f.Prediction}}", "label": "yes"}]}""");
        var item = Get("/v1/review/items/rv-a");
        var claim = Post("/v1/review/items/rv-a/claim", null);
        var decide = Post("/v1/review/items/rv-a/decisions", """{"decision": "accept", "token": 1}""");
        var release = Post("/v1/review/items/rv-b/release", """{"token": 1}""");
        var promoteChallenger = Post("/v1/usecases/toy/challenger/promote", """{"reason": "better", "override_gates": true}""");
        var trail = Get("/v1/trail?usecase=toy&limit=5");
        var verification = Get("/v1/trail/verification");
        var useCaseTrail = Get("/v1/usecases/toy/trail?since=2026-01-01");
        var stateAt = Get("/v1/usecases/toy/trail/at?time=2026-06-01T12:00:00Z");
        var addWebhook = Post("/v1/usecases/toy/webhooks", """{"url": "http://127.0.0.1:9/hook", "events": ["review.created"]}""");
        var webhooks = Get("/v1/usecases/toy/webhooks");
        var deliveries = Get("/v1/usecases/toy/webhooks/deliveries?status=pending&event=stage.changed&limit=10");
        var redeliver = Post($"/v1/webhooks/deliveries/{f.Delivery}/redeliver", null);
        var removeWebhook = new Call("DELETE", $"/v1/usecases/toy/webhooks/{f.Webhook}", """{"reason": "moved"}""");
        return
        [
            ("Live", 200, live), ("Live", 429, live.Throttled),
            ("Ready", 200, ready), ("Ready", 429, ready.Throttled), ("Ready", 503, ready with { Host = Host.Broken }),
            ("OipLive", 200, oipLive), ("OipLive", 429, oipLive.Throttled),
            ("OipReady", 200, oipReady), ("OipReady", 400, oipReady with { Host = Host.Broken }), ("OipReady", 429, oipReady.Throttled),
            ("OipServer", 200, server), ("OipServer", 401, server.Anonymous), ("OipServer", 429, server.Throttled),
            ("OipModel", 200, model), ("OipModel", 400, Get("/v2/models/other")), ("OipModel", 401, model.Anonymous),
            ("OipModel", 403, model.As("viewer-other")), ("OipModel", 404, Get("/v2/models/nope")), ("OipModel", 429, model.Throttled),
            ("OipModel", 503, Get("/v2/models/broken")),
            ("OipModelVersion", 200, version), ("OipModelVersion", 400, Get("/v2/models/toy/versions/abc")), ("OipModelVersion", 401, version.Anonymous),
            ("OipModelVersion", 403, version.As("viewer-other")), ("OipModelVersion", 404, Get("/v2/models/toy/versions/99")),
            ("OipModelVersion", 429, version.Throttled), ("OipModelVersion", 503, Get($"/v2/models/toy/versions/{f.Broken}")),
            ("OipModelReady", 200, modelReady), ("OipModelReady", 400, Get("/v2/models/other/ready")), ("OipModelReady", 401, modelReady.Anonymous),
            ("OipModelReady", 403, modelReady.As("viewer-other")), ("OipModelReady", 404, Get("/v2/models/nope/ready")), ("OipModelReady", 429, modelReady.Throttled),
            ("OipModelVersionReady", 200, versionReady), ("OipModelVersionReady", 400, Get($"/v2/models/toy/versions/{f.Broken}/ready")),
            ("OipModelVersionReady", 401, versionReady.Anonymous), ("OipModelVersionReady", 403, versionReady.As("viewer-other")),
            ("OipModelVersionReady", 404, Get("/v2/models/toy/versions/99/ready")), ("OipModelVersionReady", 429, versionReady.Throttled),
            ("OipInfer", 200, infer), ("OipInfer", 400, infer.Sent("{}")), ("OipInfer", 401, infer.Anonymous), ("OipInfer", 403, infer.As("viewer")),
            ("OipInfer", 404, Post("/v2/models/nope/infer", Infer)), ("OipInfer", 409, Post("/v2/models/strict/infer", Infer)), ("OipInfer", 413, infer.Huge()),
            ("OipInfer", 415, infer.Sent("x=1", "text/plain")), ("OipInfer", 429, infer.Throttled), ("OipInfer", 503, Post("/v2/models/broken/infer", Infer)),
            ("OipInferVersion", 200, inferVersion), ("OipInferVersion", 400, inferVersion.Sent("{}")), ("OipInferVersion", 401, inferVersion.Anonymous),
            ("OipInferVersion", 403, inferVersion.As("viewer-other")), ("OipInferVersion", 404, Post("/v2/models/toy/versions/99/infer", Infer)),
            ("OipInferVersion", 409, Post("/v2/models/strict/versions/1/infer", Infer)), ("OipInferVersion", 413, inferVersion.Huge()),
            ("OipInferVersion", 415, inferVersion.Sent("x=1", "text/plain")), ("OipInferVersion", 429, inferVersion.Throttled),
            ("OipInferVersion", 503, Post($"/v2/models/toy/versions/{f.Broken}/infer", Infer)),
            ("ListUseCases", 200, useCases), ("ListUseCases", 401, useCases.Anonymous), ("ListUseCases", 403, useCases.As("app")), ("ListUseCases", 429, useCases.Throttled),
            ("GetUseCase", 200, useCase), ("GetUseCase", 401, useCase.Anonymous), ("GetUseCase", 403, useCase.As("viewer-other")),
            ("GetUseCase", 404, Get("/v1/usecases/nope")), ("GetUseCase", 429, useCase.Throttled),
            ("ApplySpec", 200, spec), ("ApplySpec", 400, spec.Sent(Spec.Replace("id: toy", "id: other"))), ("ApplySpec", 401, spec.Anonymous),
            ("ApplySpec", 403, spec.As("viewer")), ("ApplySpec", 413, spec.Sent(Spec + "#" + new string('x', 300 * 1024) + "\n")),
            ("ApplySpec", 415, spec.Sent(Spec, "text/csv")), ("ApplySpec", 429, spec.Throttled),
            ("ListModels", 200, models), ("ListModels", 401, models.Anonymous), ("ListModels", 403, models.As("app")),
            ("ListModels", 404, Get("/v1/usecases/nope/models")), ("ListModels", 429, models.Throttled),
            ("GetModel", 200, lineage), ("GetModel", 401, lineage.Anonymous), ("GetModel", 403, lineage.As("viewer-other")),
            ("GetModel", 404, Get("/v1/models/nope-v1")), ("GetModel", 429, lineage.Throttled),
            ("PromoteModel", 200, promote), ("PromoteModel", 400, promote.Sent("{")), ("PromoteModel", 401, promote.Anonymous), ("PromoteModel", 403, promote.As("viewer")),
            ("PromoteModel", 404, Post("/v1/models/nope-v1/promote")), ("PromoteModel", 409, Post($"/v1/models/toy-v{f.Broken}/promote")),
            ("PromoteModel", 413, promote.Huge()), ("PromoteModel", 415, promote.Sent("again", "text/plain")), ("PromoteModel", 429, promote.Throttled),
            ("RollbackModel", 200, rollback), ("RollbackModel", 400, rollback.Sent("{")), ("RollbackModel", 401, rollback.Anonymous),
            ("RollbackModel", 403, rollback.As("viewer")), ("RollbackModel", 404, Post("/v1/usecases/nope/rollback")),
            ("RollbackModel", 409, Post("/v1/usecases/other/rollback")), ("RollbackModel", 413, rollback.Huge()),
            ("RollbackModel", 415, rollback.Sent("back", "text/plain")), ("RollbackModel", 429, rollback.Throttled),
            ("ListDatasets", 200, datasets), ("ListDatasets", 401, datasets.Anonymous), ("ListDatasets", 403, datasets.As("app")),
            ("ListDatasets", 404, Get("/v1/usecases/nope/datasets")), ("ListDatasets", 429, datasets.Throttled),
            ("UploadDataset", 200, upload.Sent(Graft.Testing.ToyData.Csv(400))), ("UploadDataset", 201, upload), ("UploadDataset", 400, upload.Sent("a,b\n1,2\n3\n")),
            ("UploadDataset", 401, upload.Anonymous), ("UploadDataset", 403, upload.As("viewer")), ("UploadDataset", 404, Post("/v1/usecases/nope/datasets", "a,b\n1,2\n", "text/csv")),
            ("UploadDataset", 413, upload.Huge(Data.DatasetEndpoints.MaxUploadBytes + (1 << 20))), ("UploadDataset", 429, upload.Throttled),
            ("AuditDataset", 200, audit), ("AuditDataset", 400, Post($"/v1/usecases/misfit/datasets/{f.MisfitDataset}/audit", null)),
            ("AuditDataset", 401, audit.Anonymous), ("AuditDataset", 403, audit.As("viewer")),
            ("AuditDataset", 404, Post("/v1/usecases/toy/datasets/ds-000000000000/audit", null)), ("AuditDataset", 429, audit.Throttled),
            ("Train", 202, train), ("Train", 400, train.Sent("{")), ("Train", 401, train.Anonymous), ("Train", 403, train.As("viewer")),
            ("Train", 404, Post("/v1/usecases/nope/train")), ("Train", 413, train.Huge()), ("Train", 415, train.Sent("go", "text/plain")),
            ("Train", 429, train.Throttled), ("Train", 503, train with { Host = Host.Busy, Tries = 60 }),
            ("GetJob", 200, job), ("GetJob", 401, job.Anonymous), ("GetJob", 403, job.As("app")), ("GetJob", 404, Get("/v1/jobs/job-nope")), ("GetJob", 429, job.Throttled),
            ("Predict", 200, predict), ("Predict", 400, predict.Sent("""{"inputs": {"x": "many"}}""")), ("Predict", 401, predict.Anonymous),
            ("Predict", 403, predict.As("viewer")), ("Predict", 404, Post("/v1/usecases/nope/predict", Predict)),
            ("Predict", 409, Post("/v1/usecases/strict/predict", Predict)), ("Predict", 413, predict.Huge()),
            ("Predict", 415, predict.Sent("x=1", "text/plain")), ("Predict", 429, predict.Throttled),
            ("ListKeys", 200, keys), ("ListKeys", 401, keys.Anonymous), ("ListKeys", 403, keys.As("viewer")), ("ListKeys", 429, keys.Throttled),
            ("CreateKey", 201, createKey), ("CreateKey", 400, createKey.Sent("""{"role": "root"}""")), ("CreateKey", 401, createKey.Anonymous),
            ("CreateKey", 403, createKey.As("viewer")), ("CreateKey", 404, createKey.Sent("""{"role": "viewer", "use_case": "nope"}""")),
            ("CreateKey", 413, createKey.Huge()), ("CreateKey", 415, createKey.Sent("viewer", "text/plain")), ("CreateKey", 429, createKey.Throttled),
            ("RevokeKey", 200, revokeKey), ("RevokeKey", 401, revokeKey.Anonymous), ("RevokeKey", 403, revokeKey.As("viewer")),
            ("RevokeKey", 404, revokeKey with { Path = "/v1/keys/key_nope" }), ("RevokeKey", 429, revokeKey.Throttled),
            ("ExplainPrediction", 200, explain), ("ExplainPrediction", 400, Get("/v1/usecases/toy/predictions/nope")),
            ("ExplainPrediction", 401, explain.Anonymous), ("ExplainPrediction", 403, explain.As("viewer-other")),
            ("ExplainPrediction", 404, Get("/v1/usecases/toy/predictions/0000000000000000000000000000abcd")), ("ExplainPrediction", 429, explain.Throttled),
            ("GetStatus", 200, status), ("GetStatus", 401, status.Anonymous), ("GetStatus", 403, status.As("viewer-other")),
            ("GetStatus", 404, Get("/v1/usecases/nope/status")), ("GetStatus", 429, status.Throttled),
            ("ChangeStage", 200, stage), ("ChangeStage", 400, stage.Sent("""{"stage": "sideways", "reason": "why not"}""")),
            ("ChangeStage", 401, stage.Anonymous), ("ChangeStage", 403, stage.As("viewer")), ("ChangeStage", 404, stage with { Path = "/v1/usecases/nope/stage" }),
            ("ChangeStage", 409, stage.Sent("""{"stage": "assist", "reason": "skipping shadow"}""")), ("ChangeStage", 413, stage.Huge()),
            ("ChangeStage", 415, stage.Sent("off", "text/plain")), ("ChangeStage", 429, stage.Throttled),
            ("Kill", 200, kill), ("Kill", 400, kill.Sent("{}")), ("Kill", 401, kill.Anonymous), ("Kill", 403, kill.As("viewer")),
            ("Kill", 404, Post("/v1/usecases/nope/kill", """{"reason": "drill"}""")), ("Kill", 413, kill.Huge()),
            ("Kill", 415, kill.Sent("drill", "text/plain")), ("Kill", 429, kill.Throttled),
            ("Revive", 200, revive), ("Revive", 400, revive.Sent("{}")), ("Revive", 401, revive.Anonymous), ("Revive", 403, revive.As("viewer")),
            ("Revive", 404, Post("/v1/usecases/nope/revive", """{"reason": "drill"}""")), ("Revive", 413, revive.Huge()),
            ("Revive", 415, revive.Sent("drill", "text/plain")), ("Revive", 429, revive.Throttled),
            ("SetChallenger", 200, challenger), ("SetChallenger", 400, challenger.Sent("""{"version": "strict-v1", "mode": "shadow", "percent": 10, "reason": "another's"}""")),
            ("SetChallenger", 401, challenger.Anonymous), ("SetChallenger", 403, challenger.As("viewer")),
            ("SetChallenger", 404, challenger.Sent("""{"version": "toy-v99", "mode": "shadow", "percent": 10, "reason": "no such"}""")),
            ("SetChallenger", 409, challenger.Sent($$"""{"version": "toy-v{{f.Champion}}", "mode": "canary", "percent": 10, "reason": "itself"}""")),
            ("SetChallenger", 413, challenger.Huge()), ("SetChallenger", 415, challenger.Sent("toy-v1", "text/plain")), ("SetChallenger", 429, challenger.Throttled),
            ("ClearChallenger", 200, clear), ("ClearChallenger", 400, clear.Sent("{}")), ("ClearChallenger", 401, clear.Anonymous),
            ("ClearChallenger", 403, clear.As("viewer")), ("ClearChallenger", 404, clear with { Path = "/v1/usecases/nope/challenger" }),
            ("ClearChallenger", 413, clear.Huge()), ("ClearChallenger", 415, clear.Sent("none", "text/plain")), ("ClearChallenger", 429, clear.Throttled),
            ("GetChallengerReport", 200, report), ("GetChallengerReport", 401, report.Anonymous), ("GetChallengerReport", 403, report.As("viewer-other")),
            ("GetChallengerReport", 404, Get("/v1/usecases/other/challenger/report")), ("GetChallengerReport", 429, report.Throttled),
            ("PromoteChallenger", 400, promoteChallenger.Sent("{}")), ("PromoteChallenger", 401, promoteChallenger.Anonymous),
            ("PromoteChallenger", 403, promoteChallenger.As("viewer")), ("PromoteChallenger", 404, Post("/v1/usecases/nope/challenger/promote", """{"reason": "x"}""")),
            ("PromoteChallenger", 409, promoteChallenger.Sent("""{"reason": "the gate first"}""")), ("PromoteChallenger", 413, promoteChallenger.Huge()),
            ("PromoteChallenger", 415, promoteChallenger.Sent("better", "text/plain")), ("PromoteChallenger", 429, promoteChallenger.Throttled),
            ("PromoteChallenger", 200, promoteChallenger), // last: toy has another champion after it
            ("ListTrail", 200, trail), ("ListTrail", 400, Get("/v1/trail?limit=0")), ("ListTrail", 401, trail.Anonymous), ("ListTrail", 403, trail.As("viewer")),
            ("ListTrail", 404, Get("/v1/trail?usecase=nope")), ("ListTrail", 429, trail.Throttled),
            ("VerifyTrail", 200, verification), ("VerifyTrail", 401, verification.Anonymous), ("VerifyTrail", 403, verification.As("viewer")),
            ("VerifyTrail", 429, verification.Throttled),
            ("GetUseCaseTrail", 200, useCaseTrail), ("GetUseCaseTrail", 400, Get("/v1/usecases/toy/trail?since=soon")), ("GetUseCaseTrail", 401, useCaseTrail.Anonymous),
            ("GetUseCaseTrail", 403, useCaseTrail.As("viewer-other")), ("GetUseCaseTrail", 404, Get("/v1/usecases/nope/trail")), ("GetUseCaseTrail", 429, useCaseTrail.Throttled),
            ("GetTrailStateAt", 200, stateAt), ("GetTrailStateAt", 400, Get("/v1/usecases/toy/trail/at")), ("GetTrailStateAt", 401, stateAt.Anonymous),
            ("GetTrailStateAt", 403, stateAt.As("viewer-other")), ("GetTrailStateAt", 404, Get("/v1/usecases/nope/trail/at?time=2026-06-01")),
            ("GetTrailStateAt", 429, stateAt.Throttled),
            ("AddWebhook", 201, addWebhook), ("AddWebhook", 400, addWebhook.Sent("""{"url": "ftp://example.com/x", "events": ["review.created"]}""")),
            ("AddWebhook", 401, addWebhook.Anonymous), ("AddWebhook", 403, addWebhook.As("viewer")),
            ("AddWebhook", 404, addWebhook with { Path = "/v1/usecases/nope/webhooks" }), ("AddWebhook", 413, addWebhook.Huge()),
            ("AddWebhook", 415, addWebhook.Sent("http://127.0.0.1:9/hook", "text/plain")), ("AddWebhook", 429, addWebhook.Throttled),
            ("ListWebhooks", 200, webhooks), ("ListWebhooks", 401, webhooks.Anonymous), ("ListWebhooks", 403, webhooks.As("viewer-other")),
            ("ListWebhooks", 404, Get("/v1/usecases/nope/webhooks")), ("ListWebhooks", 429, webhooks.Throttled),
            ("ListWebhookDeliveries", 200, deliveries), ("ListWebhookDeliveries", 400, Get("/v1/usecases/toy/webhooks/deliveries?status=lost")),
            ("ListWebhookDeliveries", 401, deliveries.Anonymous), ("ListWebhookDeliveries", 403, deliveries.As("viewer-other")),
            ("ListWebhookDeliveries", 404, Get("/v1/usecases/nope/webhooks/deliveries")), ("ListWebhookDeliveries", 429, deliveries.Throttled),
            ("RedeliverWebhook", 202, redeliver), ("RedeliverWebhook", 401, redeliver.Anonymous), ("RedeliverWebhook", 403, redeliver.As("viewer")),
            ("RedeliverWebhook", 404, Post("/v1/webhooks/deliveries/whd_nope/redeliver", null)),
            ("RedeliverWebhook", 409, Post($"/v1/webhooks/deliveries/{f.RemovedDelivery}/redeliver", null)), ("RedeliverWebhook", 429, redeliver.Throttled),
            ("RemoveWebhook", 400, removeWebhook.Sent("{}")), ("RemoveWebhook", 401, removeWebhook.Anonymous), ("RemoveWebhook", 403, removeWebhook.As("viewer")),
            ("RemoveWebhook", 404, removeWebhook with { Path = "/v1/usecases/toy/webhooks/wh_nope" }), ("RemoveWebhook", 413, removeWebhook.Huge()),
            ("RemoveWebhook", 415, removeWebhook.Sent("moved", "text/plain")), ("RemoveWebhook", 429, removeWebhook.Throttled),
            ("RemoveWebhook", 200, removeWebhook), // last: its delivery was redelivered before
            ("ListReviewItems", 200, reviews), ("ListReviewItems", 400, Get("/v1/review/items?state=lost")), ("ListReviewItems", 401, reviews.Anonymous),
            ("ListReviewItems", 403, reviews.As("viewer")), ("ListReviewItems", 429, reviews.Throttled),
            ("GetReviewItem", 200, item), ("GetReviewItem", 401, item.Anonymous), ("GetReviewItem", 403, item.As("viewer")),
            ("GetReviewItem", 404, Get("/v1/review/items/nope")), ("GetReviewItem", 429, item.Throttled),
            ("ClaimReviewItem", 200, claim), ("ClaimReviewItem", 409, claim.As("reviewer")), ("ClaimReviewItem", 401, claim.Anonymous),
            ("ClaimReviewItem", 403, claim.As("viewer")), ("ClaimReviewItem", 404, Post("/v1/review/items/nope/claim", null)), ("ClaimReviewItem", 429, claim.Throttled),
            ("DecideReviewItem", 400, decide.Sent("""{"decision": "approve"}""")), ("DecideReviewItem", 409, decide.As("reviewer")),
            ("DecideReviewItem", 401, decide.Anonymous), ("DecideReviewItem", 403, decide.As("viewer")),
            ("DecideReviewItem", 404, decide with { Path = "/v1/review/items/nope/decisions" }), ("DecideReviewItem", 413, decide.Huge()),
            ("DecideReviewItem", 415, decide.Sent("accept", "text/plain")), ("DecideReviewItem", 429, decide.Throttled), ("DecideReviewItem", 200, decide),
            ("ReleaseReviewItem", 400, release.Sent("{}")), ("ReleaseReviewItem", 409, release), ("ReleaseReviewItem", 401, release.Anonymous),
            ("ReleaseReviewItem", 403, release.As("viewer")), ("ReleaseReviewItem", 404, release with { Path = "/v1/review/items/nope/release" }),
            ("ReleaseReviewItem", 413, release.Huge()), ("ReleaseReviewItem", 415, release.Sent("1", "text/plain")), ("ReleaseReviewItem", 429, release.Throttled),
            ("GetQuality", 200, quality), ("GetQuality", 400, Get("/v1/usecases/toy/quality?window=soon")), ("GetQuality", 401, quality.Anonymous),
            ("GetQuality", 403, quality.As("viewer-other")), ("GetQuality", 404, Get("/v1/usecases/nope/quality")), ("GetQuality", 429, quality.Throttled),
            ("GetMonitoring", 200, monitoring), ("GetMonitoring", 400, Get("/v1/usecases/toy/monitoring?window=1h&from=2026-01-01")),
            ("GetMonitoring", 401, monitoring.Anonymous), ("GetMonitoring", 403, monitoring.As("viewer-other")),
            ("GetMonitoring", 404, Get("/v1/usecases/nope/monitoring")), ("GetMonitoring", 429, monitoring.Throttled),
            ("RecordOutcomes", 200, outcomes), ("RecordOutcomes", 400, outcomes.Sent("""{"outcomes": []}""")), ("RecordOutcomes", 401, outcomes.Anonymous),
            ("RecordOutcomes", 403, outcomes.As("viewer")), ("RecordOutcomes", 404, outcomes with { Path = "/v1/usecases/nope/outcomes" }),
            ("RecordOutcomes", 413, outcomes.Huge()), ("RecordOutcomes", 415, outcomes.Sent("yes", "text/plain")), ("RecordOutcomes", 429, outcomes.Throttled),
            ("ClaimReviewItem", 200, Post("/v1/review/items/rv-b/claim", null)), ("ReleaseReviewItem", 204, release), // the first claim of rv-b has token 1
        ];
    }

    [Fact]
    public async Task Every_status_the_document_lists_is_answered_and_every_answer_is_in_the_document()
    {
        await using var hosts = await Hosts.StartAsync();
        var documented = await DocumentedAsync(hosts.Main);
        var calls = Calls(hosts.Fixture);
        var failures = new List<string>();
        var asked = calls.Select(c => (c.Operation, c.Status)).ToHashSet();
        failures.AddRange(documented.Keys.Where(pair => !asked.Contains(pair)).Select(pair => $"{pair.Operation} {pair.Status} is documented, but no request here brings it about"));
        foreach (var (operation, status, call) in calls)
        {
            var (answered, contentType, body) = await hosts.SendAsync(call, status);
            var what = $"{operation} {status} ({call.Method} {call.Path[..Math.Min(call.Path.Length, 80)]})";
            if (!documented.TryGetValue((operation, status), out var contentTypes))
            {
                failures.Add($"{what}: the document does not list {status}");
            }
            else if (answered != status)
            {
                var listed = documented.ContainsKey((operation, answered)) ? "" : ", which the document does not list";
                failures.Add($"{what}: answered {answered}{listed}: {body[..Math.Min(body.Length, 200)]}");
            }
            else if (contentTypes.Count > 0 && !contentTypes.Contains(contentType ?? ""))
            {
                failures.Add($"{what}: a body of {contentType}, where the document lists {string.Join(", ", contentTypes)}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {calls.Count}:\n" + string.Join("\n", failures));
    }

    /// <summary>Each (operation id, status) the served document lists, with the content types it gives for its body.</summary>
    public static async Task<Dictionary<(string Operation, int Status), HashSet<string>>> DocumentedAsync(TestService service)
    {
        var document = JsonDocument.Parse(await service.Client(service.AdminKey).GetStringAsync("/openapi/v1.json")).RootElement;
        var documented = new Dictionary<(string, int), HashSet<string>>();
        foreach (var operation in document.GetProperty("paths").EnumerateObject().SelectMany(p => p.Value.EnumerateObject()).Select(o => o.Value))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                documented[(operation.GetProperty("operationId").GetString()!, int.Parse(response.Name, System.Globalization.CultureInfo.InvariantCulture))] =
                    response.Value.TryGetProperty("content", out var content) ? [.. content.EnumerateObject().Select(c => c.Name)] : [];
            }
        }
        return documented;
    }

    /// <summary>The services the requests go to, each started when a request first needs it, with the keys they name.</summary>
    private sealed class Hosts : IAsyncDisposable
    {
        private readonly Dictionary<Host, TestService> _started = [];
        private readonly Dictionary<string, string> _keys = [];

        private Hosts(TestService main) => _started[Host.Main] = main;

        public TestService Main => _started[Host.Main];

        public Fixture Fixture { get; private set; } = null!;

        public static async Task<Hosts> StartAsync()
        {
            var hosts = new Hosts(await TestService.StartAsync(kestrel: true));
            var main = hosts.Main;
            await main.UseCaseAsync(Spec, train: true);
            await main.UseCaseAsync(Spec.Replace("id: toy", "id: other"), train: false); // no champion
            await main.UseCaseAsync(Spec.Replace("id: toy", "id: strict") + "stage: off\nfallback: none\n", train: true); // cannot answer
            await main.UseCaseAsync(Spec.Replace("id: toy", "id: broken"), train: true);
            await main.UseCaseAsync(Spec.Replace("id: toy", "id: misfit").Replace("column: label", "column: outcome"), train: false); // not its data
            var registry = new ModelRegistry(main.Home);
            var champion = (await new Graft.UseCases.UseCaseCatalog(main.Home).GetAsync("toy", default)).UseCase.ChampionVersion!;
            var other = (await registry.ListAsync("toy", default)).First(v => v.Id != champion);
            await CorruptAsync(main, other.Id);
            await CorruptAsync(main, (await new Graft.UseCases.UseCaseCatalog(main.Home).GetAsync("broken", default)).UseCase.ChampionVersion!);
            await registry.PromoteAsync("strict-v2", Testing.TestActors.Tester, "something to roll back", (_, _) => Task.CompletedTask, default);
            await new Graft.Training.TrainingRunner(main.Home).RunAsync(new Graft.Training.TrainingRequest("toy"), Testing.TestActors.Tester, null, default); // more versions: one to challenge with
            var job = new Graft.Training.TrainingJobRecord("job-toy", "toy", null, main.Home.Now);
            job.Fail("an earlier run", main.Home.Now);
            await using (var db = main.Home.CreateDb())
            {
                db.TrainingJobs.Add(job);
                foreach (var id in new[] { "rv-a", "rv-b" }) // two answers waiting for people: one to claim and decide, one to claim and release
                {
                    db.ReviewItems.Add(new Graft.Review.ReviewItem
                    {
                        Id = id, UseCaseId = "toy", PredictionId = $"p-{id}", ModelVersion = champion, Stage = "auto", CreatedAt = main.Home.Now,
                        ExpiresAt = main.Home.Now.AddDays(3), SelectedBy = "band", Label = "yes", Score = 0.5,
                    });
                }
                await db.SaveChangesAsync();
            }
            hosts._keys["viewer"] = await main.KeyAsync(Role.Viewer);
            hosts._keys["reviewer"] = await main.KeyAsync(Role.Reviewer);
            hosts._keys["app"] = await main.KeyAsync(Role.App, "toy");
            hosts._keys["viewer-other"] = await main.KeyAsync(Role.Viewer, "other");
            var data = new Graft.Data.DatasetCatalog(main.Home);
            var (webhook, delivery, removedDelivery) = await WebhooksAsync(main);
            hosts.Fixture = new Fixture(
                (await registry.GetAsync(champion, default)).Number, other.Number,
                (await data.ListAsync("toy", default))[0].Id, (await data.ListAsync("misfit", default))[0].Id, job.Id,
                (await new KeyStore(main.Home).CreateAsync(Role.Viewer, "toy", null, "to revoke", Testing.TestActors.Tester, default)).Key.Id,
                await PredictionAsync(main),
                (await registry.ListAsync("toy", default)).First(v => v.Id != champion && v.Id != other.Id).Number,
                webhook, delivery, removedDelivery);
            return hosts;
        }

        /// <summary>Two webhooks of toy with a delivery each (to a port where nothing listens), the second webhook removed since.</summary>
        private static async Task<(string Webhook, string Delivery, string RemovedDelivery)> WebhooksAsync(TestService service)
        {
            var webhooks = new Graft.Webhooks.WebhookRegistry(service.Home);
            var kept = await webhooks.AddAsync("toy", "http://127.0.0.1:9/kept", ["stage.changed"], [], Testing.TestActors.Tester, default);
            var removed = await webhooks.AddAsync("toy", "http://127.0.0.1:9/removed", ["stage.changed"], [], Testing.TestActors.Tester, default);
            await using (var db = service.Home.CreateDb())
            {
                await Graft.Webhooks.WebhookEvents.AddAsync(db, "toy", Graft.Webhooks.WebhookEventTypes.StageChanged, new { stage = "shadow" }, service.Home.Now, default);
                await db.SaveChangesAsync();
            }
            await webhooks.RemoveAsync("toy", removed.Id, "replaced", Testing.TestActors.Tester, default);
            var log = await new Graft.Webhooks.DeliveryLog(service.Home).ListAsync("toy", null, null, 10, default);
            return (kept.Id, log.First(d => d.Webhook == kept.Id).Id, log.First(d => d.Webhook == removed.Id).Id);
        }

        /// <summary>A prediction of toy's, once the log has written it.</summary>
        private static async Task<string> PredictionAsync(TestService service)
        {
            using var response = await service.Client(service.AdminKey).PostAsync("/v1/usecases/toy/predict", new StringContent(Predict, Encoding.UTF8, "application/json"));
            var id = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("prediction_id").GetString()!;
            for (var i = 0; i < 100 && await new Graft.Serving.PredictionLogReader(service.Home).FindAsync("toy", id) is null; i++)
            {
                await Task.Delay(100); // the log's writer runs in the background
            }
            return id;
        }

        private static Task CorruptAsync(TestService service, string version) =>
            File.WriteAllBytesAsync(Path.Combine(service.Root, "artifacts", "models", version, "model.zip"), [1, 2, 3]);

        public async Task<(int Status, string? ContentType, string Body)> SendAsync(Call call, int wanted)
        {
            var service = await HostAsync(call.Host);
            var key = call.Key switch { null => null, "admin" => service.AdminKey, var name => _keys[name] };
            var client = service.Client(key);
            (int, string?, string) answer = default;
            for (var i = 0; i < call.Tries && answer.Item1 != wanted; i++)
            {
                using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Path);
                if (call.BodyBytes is { } bytes)
                {
                    request.Content = new Unread(bytes) { Headers = { ContentType = new(call.ContentType) } };
                    request.Headers.ExpectContinue = true; // the server refuses it before a byte is sent
                }
                else if (call.Body is not null)
                {
                    request.Content = new StringContent(call.Body, Encoding.UTF8, call.ContentType);
                }
                using var response = await client.SendAsync(request);
                answer = ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
            }
            return answer;
        }

        private async Task<TestService> HostAsync(Host host)
        {
            if (_started.TryGetValue(host, out var started))
            {
                return started;
            }
            var service = await TestService.StartAsync(host == Host.Throttled ? new Dictionary<string, string?> { ["Graft:RateLimit:RequestsPerSecond"] = "1" } : null);
            _started[host] = service;
            if (host == Host.Busy)
            {
                await service.UseCaseAsync(Spec, train: false); // training runs take a while: a burst fills the queue
            }
            if (host == Host.Broken)
            {
                Directory.Delete(service.Root, recursive: true);
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            }
            return service;
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var service in _started.Values)
            {
                await service.DisposeAsync();
            }
        }
    }

    /// <summary>A body of a given length whose bytes are zeros, made only if the server asks for them.</summary>
    private sealed class Unread(long bytes) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var chunk = new byte[81920];
            for (var left = bytes; left > 0; left -= chunk.Length)
            {
                await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes;
            return true;
        }
    }
}
