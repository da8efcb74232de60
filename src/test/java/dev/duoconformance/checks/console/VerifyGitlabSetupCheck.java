package dev.duoconformance.checks.console;

import dev.duoconformance.console.ConsoleRun;
import dev.duoconformance.console.GitLabConsole;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.OptIn;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.console.VerifyGitlabSetup;
import io.qameta.allure.model.Status;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("verify-gitlab-setup")
@Tag("console")
@Tag("verify-gitlab-setup")
class VerifyGitlabSetupCheck {

    @Test
    @OptIn(parameter = "scripts", runs = "`gitlab-rake gitlab:duo:verify_self_hosted_setup[<user>]` on the GitLab host through gitlab.console.command")
    @DisplayName("gitlab:duo:verify_self_hosted_setup finishes without a ✗ line or an abort")
    void verifySelfHostedSetupReportsNoFailure(GitLabConsole console, Verdict verdict) {
        VerifyGitlabSetup rule = new VerifyGitlabSetup(console);
        ConsoleRun run = rule.run();
        if (run.notStarted().isEmpty()) {
            verdict.attach(run.commandLine(), run.output());
            for (ConsoleRun.Finding finding : run.findings()) {
                verdict.step(finding.line(), switch (finding.mark()) {
                    case PASSED -> Status.PASSED;
                    case FAILED -> Status.FAILED;
                    case WARNING -> Status.SKIPPED;
                });
                if (finding.mark() == ConsoleRun.Mark.WARNING) {
                    verdict.note(finding.line());
                }
            }
        }
        verdict.require(rule.result());
    }
}
