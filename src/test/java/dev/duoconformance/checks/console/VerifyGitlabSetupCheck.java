package dev.duoconformance.checks.console;

import dev.duoconformance.console.ConsoleRun;
import dev.duoconformance.console.GitLabConsole;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.OptIn;
import dev.duoconformance.junit.Verdict;
import io.qameta.allure.model.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("verify-gitlab-setup")
@Tag("console")
@Tag("verify-gitlab-setup")
@DisplayName("Verify GitLab setup")
class VerifyGitlabSetupCheck {

    @Test
    @OptIn(parameter = "scripts", runs = "`gitlab-rake gitlab:duo:verify_self_hosted_setup[<user>]` on the GitLab host through gitlab.console.command")
    @DisplayName("gitlab:duo:verify_self_hosted_setup finishes without a ✗ line or an abort")
    void verifySelfHostedSetupReportsNoFailure(GitLabConsole console, Verdict verdict) {
        ConsoleRun run = console.verifySelfHostedSetup();
        if (run.notStarted().isPresent()) {
            throw verdict.notChecked("the console command " + run.commandLine() + " could not start: " + run.notStarted().get());
        }
        verdict.attach(run.commandLine(), run.output());
        List<String> failures = new ArrayList<>();
        for (ConsoleRun.Finding finding : run.findings()) {
            verdict.step(finding.line(), switch (finding.mark()) {
                case PASSED -> Status.PASSED;
                case FAILED -> Status.FAILED;
                case WARNING -> Status.SKIPPED;
            });
            if (finding.mark() == ConsoleRun.Mark.FAILED) {
                failures.add(finding.line());
            } else if (finding.mark() == ConsoleRun.Mark.WARNING) {
                verdict.note(finding.line());
            }
        }
        if (run.timedOut()) {
            throw verdict.notChecked("the console command " + run.commandLine() + " did not finish within " + run.deadline().toSeconds()
                    + "s (raise it with -Dduo.console.timeout.seconds=<n>)");
        }
        run.abort().ifPresent(message -> failures.add("rake aborted! " + message));
        if (!failures.isEmpty() || run.exitCode() != 0) {
            throw verdict.failed("script-reported-failure", run.commandLine(), "exit code 0, no ✗ line and no `rake aborted!`",
                    (failures.isEmpty() ? lastLine(run.output()) : String.join("\n", failures)) + " (exit code " + run.exitCode() + ")");
        }
        if (run.findings().isEmpty()) {
            throw verdict.failed("script-reported-failure", run.commandLine(), "the task's ✔ lines", "no ✔ line in its output: "
                    + lastLine(run.output()));
        }
    }

    private static String lastLine(String output) {
        return output.lines().map(String::strip).filter(l -> !l.isEmpty()).reduce((a, b) -> b).orElse("(no output)");
    }
}
