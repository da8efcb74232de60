package dev.duoconformance.rules.console;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.console.ConsoleRun;
import dev.duoconformance.console.GitLabConsole;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Evidence;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import java.util.ArrayList;
import java.util.List;

/**
 * Section verify-gitlab-setup, opt-in ({@code -Dscripts=true}): GitLab's own rake task
 * {@code gitlab:duo:verify_self_hosted_setup} finishes without a ✗ line or an abort, run through
 * {@code gitlab.console.command}.
 */
public final class VerifyGitlabSetup {
    public static final Check<VerifyGitlabSetup> RESULT = Check.of(
                    "verifySelfHostedSetupReportsNoFailure",
                    "gitlab:duo:verify_self_hosted_setup finishes without a ✗ line or an abort",
                    Gate.from(Gate.Vantage.CONSOLE)
                            .optIn(
                                    "scripts",
                                    "`gitlab-rake gitlab:duo:verify_self_hosted_setup[<user>]` on the GitLab host through gitlab.console.command"),
                    VerifyGitlabSetup::result)
            .showing(VerifyGitlabSetup::show);
    public static final Declaration<VerifyGitlabSetup> SECTION =
            Declaration.of(Sections.VERIFY_GITLAB_SETUP, VerifyGitlabSetup::new).checks(RESULT);

    private final GitLabConsole console;

    private VerifyGitlabSetup(Probes probes) {
        this.console = probes.console();
    }

    /** The task's run (once per run): its output and ✔/✗/warning lines are the check's evidence. */
    private ConsoleRun run() {
        return console.verifySelfHostedSetup();
    }

    /** The run's command line and output, its ✔/✗/warning lines as steps, and its warnings as notes. */
    private void show(Evidence evidence) {
        ConsoleRun run = run();
        if (run.notStarted().isEmpty()) {
            evidence.attach(run.commandLine(), run.output());
            for (ConsoleRun.Finding finding : run.findings()) {
                evidence.step(
                        finding.line(),
                        switch (finding.mark()) {
                            case PASSED -> Evidence.Mark.PASSED;
                            case FAILED -> Evidence.Mark.FAILED;
                            case WARNING -> Evidence.Mark.SKIPPED;
                        });
                if (finding.mark() == ConsoleRun.Mark.WARNING) {
                    evidence.note(finding.line());
                }
            }
        }
    }

    private Condition result() {
        ConsoleRun run = run();
        if (run.notStarted().isPresent()) {
            return Condition.unknown("the console command " + run.commandLine() + " could not start: "
                    + run.notStarted().get());
        }
        if (run.timedOut()) {
            return Condition.unknown("the console command " + run.commandLine() + " did not finish within "
                    + run.deadline().toSeconds() + "s (raise it with -Dduo.console.timeout.seconds=<n>)");
        }
        List<String> failures = new ArrayList<>(run.findings().stream()
                .filter(f -> f.mark() == ConsoleRun.Mark.FAILED)
                .map(ConsoleRun.Finding::line)
                .toList());
        run.abort().ifPresent(message -> failures.add("rake aborted! " + message));
        if (!failures.isEmpty() || run.exitCode() != 0) {
            return failed(
                    run,
                    "exit code 0, no ✗ line and no `rake aborted!`",
                    (failures.isEmpty() ? lastLine(run.output()) : String.join("\n", failures)) + " (exit code "
                            + run.exitCode() + ")");
        }
        if (run.findings().isEmpty()) {
            return failed(run, "the task's ✔ lines", "no ✔ line in its output: " + lastLine(run.output()));
        }
        return Condition.holds();
    }

    private static Condition failed(ConsoleRun run, String expected, String butWas) {
        return Condition.broken(new Failure(
                Sections.VERIFY_GITLAB_SETUP, "script-reported-failure", run.commandLine(), expected, butWas));
    }

    private static String lastLine(String output) {
        return output.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .reduce((a, b) -> b)
                .orElse("(no output)");
    }
}
