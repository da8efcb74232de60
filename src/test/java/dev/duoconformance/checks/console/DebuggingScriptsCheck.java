package dev.duoconformance.checks.console;

import dev.duoconformance.checks.runtime.GatewayContainer;
import dev.duoconformance.config.Environment;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.OptIn;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.GatewayRuntime;
import dev.duoconformance.upstream.TroubleshootScript;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The AI gateway's half of the doc's debugging scripts; GitLab's rake half is the section verify-gitlab-setup. */
@DocSection("debugging-scripts")
@Tag("console")
@Tag("runtime")
@Tag("debugging-scripts")
@DisplayName("Use debugging scripts")
class DebuggingScriptsCheck {
    private static final Duration SCRIPT_DEADLINE = Duration.ofMinutes(2);
    /** The AI gateway image's WORKDIR in every version (its Dockerfile). */
    private static final String APP = "/app";

    @Test
    @OptIn(parameter = "scripts", runs = "the AI gateway's troubleshooting script (`poetry run troubleshoot`, or the older image's form) inside its container")
    @DisplayName("The AI gateway's troubleshoot script, run inside its container, reports no failure")
    void troubleshootScriptReportsNoFailure(Environment environment, GatewayRuntime runtime, Verdict verdict) {
        GatewayContainer.judgeEach(runtime, verdict, instance -> troubleshoot(environment, instance, verdict));
    }

    private static Optional<GatewayContainer.Problem> troubleshoot(Environment environment, GatewayInstance instance, Verdict verdict) {
        ContainerInfo container = GatewayContainer.running(instance, verdict);
        // The script stops at its first failure; the failures the suite's own sections find first are theirs.
        Optional<GatewayContainer.Problem> env = GatewayContainer.customModelsDisabled(instance, verdict)
                .or(() -> GatewayContainer.gitlabUrlMismatch(environment, instance, verdict));
        if (env.isPresent()) {
            throw verdict.blockedBy(Sections.AIGW_ENV_VARS, env.get().butWas());
        }
        Optional<GatewayContainer.Problem> gitlab = GatewayContainer.gitlabUnreachable(instance, verdict);
        if (gitlab.isPresent()) {
            throw verdict.blockedBy(Sections.AIGW_REACHES_GITLAB, gitlab.get().checked() + ": " + gitlab.get().butWas());
        }
        ExecResult probe = instance.exec(TroubleshootScript.detection(APP), Duration.ofSeconds(20)).orElseThrow(verdict::notChecked);
        TroubleshootScript form = TroubleshootScript.detected(probe.output())
                .orElseThrow(() -> verdict.notChecked(TroubleshootScript.noneFound(container.image())));
        List<String> command = List.of(form.command("localhost:" + GatewayContainer.apiPort(instance)).split(" "));
        ExecResult result = instance.exec(command, SCRIPT_DEADLINE).orElseThrow(verdict::notChecked);
        verdict.attach(String.join(" ", command) + " in " + instance.where(), instance.transcript("troubleshoot script", result));
        if (result.executableMissing()) {
            throw verdict.notChecked("the container has no `poetry`; is '" + container.image() + "' the AI gateway's self-hosted image?");
        }
        String output = result.output();
        boolean failed = result.timedOut() || result.exitCode() != 0 || output.contains("Traceback") || output.contains("✗");
        if (failed) {
            return Optional.of(new GatewayContainer.Problem("script-reported-failure", instance.shell(command) + " (" + instance.where() + ")",
                    "exit code 0 and every check ending in ✔",
                    result.timedOut() ? "it did not finish within " + SCRIPT_DEADLINE.toMinutes() + " minutes" : lastLines(output)
                            + " (exit code " + result.exitCode() + ")"));
        }
        verdict.note(form.note() + " in " + instance.where() + " — " + output.lines().filter(l -> l.contains("✔")).count() + " checks passed");
        return Optional.empty();
    }

    private static String lastLines(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
