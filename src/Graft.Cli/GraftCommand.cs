using System.CommandLine;
using Graft.Cli.Commands.Audit;
using Graft.Cli.Commands.Data;
using Graft.Cli.Commands.Demo;
using Graft.Cli.Commands.Feedback;
using Graft.Cli.Commands.Governance;
using Graft.Cli.Commands.Models;
using Graft.Cli.Commands.Review;
using Graft.Cli.Commands.Rollout;
using Graft.Cli.Commands.Serving;
using Graft.Cli.Commands.Spec;
using Graft.Cli.Commands.Training;
using Graft.Cli.Commands.UseCases;
using Graft.Cli.Commands.Webhooks;

namespace Graft.Cli;

/// <summary>The root command: global options and every verb.</summary>
public static class GraftCommand
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Graft: add a governed machine-learning decision to an app you already run.");
        root.Options.Add(GlobalOptions.DataDir);
        root.Options.Add(GlobalOptions.Json);
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(InitCommand.Create());
        root.Subcommands.Add(new Command("spec", "Check spec files.") { SpecCheckCommand.Create() });
        root.Subcommands.Add(new Command("usecase", "Register and list use cases.") { UseCaseApplyCommand.Create(), UseCaseListCommand.Create() });
        root.Subcommands.Add(new Command("data", "Import and list dataset versions.") { DataAddCommand.Create(), DataListCommand.Create() });
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(Commands.ModelTests.EvaluateCommand.Create());
        root.Subcommands.Add(new Command("models", "List, inspect, promote and roll back model versions.") { ModelsListCommand.Create(), ModelsShowCommand.Create(), ModelsPromoteCommand.Create(), ModelsRollbackCommand.Create() });
        root.Subcommands.Add(StatusCommand.Create());
        root.Subcommands.Add(StageCommand.Create());
        root.Subcommands.Add(KillCommand.Create(revive: false));
        root.Subcommands.Add(KillCommand.Create(revive: true));
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(RetentionCommand.Create());
        root.Subcommands.Add(new Command("challenger", "Compare a use case's champion with a challenger, and promote it.")
            { ChallengerSetCommand.Create(), ChallengerClearCommand.Create(), ChallengerReportCommand.Create(), ChallengerPromoteCommand.Create() });
        root.Subcommands.Add(new Command("review", "Work the review queue: list, show, claim, decide and release items.")
            { ReviewListCommand.Create(), ReviewShowCommand.Create(), ReviewClaimCommand.Create(), ReviewDecideCommand.Create(), ReviewClaimCommand.Release(), ReviewStatsCommand.Create() });
        root.Subcommands.Add(Commands.Monitoring.MonitorCommand.Create());
        root.Subcommands.Add(new Command("outcomes", "Record what happened after predictions: the ground truth they are measured by.") { OutcomesImportCommand.Create() });
        root.Subcommands.Add(new Command("feedback", "Learn from served predictions: export them with their labels as a dataset version.") { FeedbackExportCommand.Create() });
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(PredictCommand.Create());
        root.Subcommands.Add(new Command("keys", "Create, list and revoke API keys.") { KeysCreateCommand.Create(), KeysListCommand.Create(), KeysRevokeCommand.Create() });
        root.Subcommands.Add(new Command("trail", "Verify, list, export and query the audit trail of every consequential act.")
        {
            TrailVerifyCommand.Create(), TrailListCommand.Create(), TrailExportCommand.Create(), TrailAtCommand.Create(), TrailCheckpointCommand.Create(),
        });
        root.Subcommands.Add(new Command("webhooks", "Send a use case's events to your app's URLs, and see how each delivery went.")
        {
            WebhooksAddCommand.Create(), WebhooksListCommand.Create(), WebhooksRemoveCommand.Create(), WebhooksDeliveriesCommand.Create(), WebhooksRedeliverCommand.Create(),
        });
        root.Subcommands.Add(BriefCommand.Create());
        return root;
    }
}
