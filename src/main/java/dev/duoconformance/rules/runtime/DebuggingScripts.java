package dev.duoconformance.rules.runtime;

import static dev.duoconformance.rules.runtime.ContainerReads.apiPort;

import dev.duoconformance.behaviour.TroubleshootScript;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.EachInstance;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.Unknowable;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.GatewayInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Section debugging-scripts, the AI gateway's half (GitLab's rake half is verify-gitlab-setup): its troubleshoot
 * script ({@code poetry run troubleshoot}, or the older image's form), run inside every instance, reports no failure.
 */
public final class DebuggingScripts {
    public static final Check<DebuggingScripts> TROUBLESHOOT_REPORTS_NO_FAILURE = Check.of(
                    "troubleshootScriptReportsNoFailure",
                    "The AI gateway's troubleshoot script, run inside its container, reports no failure",
                    Gate.from(Gate.Vantage.RUNTIME)
                            .optIn(
                                    "scripts",
                                    "the AI gateway's troubleshooting script (`poetry run troubleshoot`, or the older image's form) inside its container"),
                    DebuggingScripts::troubleshootReportsNoFailure)
            .showing((scripts, evidence) -> scripts.transcripts().forEach(t -> evidence.attach(t.name(), t.content())));
    public static final Declaration<DebuggingScripts> SECTION = Declaration.of(
                    Sections.DEBUGGING_SCRIPTS, DebuggingScripts::new)
            .dependsOn(Sections.AIGW_ENV_VARS, Sections.AIGW_REACHES_GITLAB)
            .checks(TROUBLESHOOT_REPORTS_NO_FAILURE);
    private static final Duration SCRIPT_DEADLINE = Duration.ofMinutes(2);
    /** The AI gateway image's WORKDIR in every version (its Dockerfile). */
    private static final String APP = "/app";

    private final Probes probes;
    private final EachInstance each;
    private final List<Attachment> transcripts = Collections.synchronizedList(new ArrayList<>());

    private DebuggingScripts(Probes probes) {
        this.probes = probes;
        this.each = probes.instances().orElseThrow();
    }

    private Condition troubleshootReportsNoFailure() {
        return each.judge(this::troubleshoot);
    }

    /** What the script printed in each instance where it ran, for the report. */
    private List<Attachment> transcripts() {
        return List.copyOf(transcripts);
    }

    private Condition troubleshoot(GatewayInstance instance) {
        // The script stops at its first failure; the failures the suite's own sections find first are theirs.
        AiGatewayEnvVars env = probes.of(AiGatewayEnvVars.SECTION);
        List<Supplier<Optional<Condition>>> first = List.of(
                () -> Running.stopped(instance),
                () -> notHolding(env.customModelsEnabled(instance)),
                () -> notHolding(env.gitlabUrls(instance)),
                () -> notHolding(probes.of(AiGatewayCanReachGitlab.SECTION).gitlabAnswers(instance)));
        for (Supplier<Optional<Condition>> upstream : first) {
            Optional<Condition> found = upstream.get();
            if (found.isPresent()) {
                return found.get();
            }
        }
        ContainerInfo container = instance.info();
        ExecResult probe = instance.exec(TroubleshootScript.detection(APP), Duration.ofSeconds(20))
                .orElseThrow(Unknowable::new);
        TroubleshootScript form = TroubleshootScript.detected(probe.output())
                .orElseThrow(() -> new Unknowable(TroubleshootScript.noneFound(container.image())));
        List<String> command =
                List.of(form.command("localhost:" + apiPort(instance)).split(" "));
        ExecResult result = instance.exec(command, SCRIPT_DEADLINE).orElseThrow(Unknowable::new);
        transcripts.add(new Attachment(
                String.join(" ", command) + " in " + instance.where(),
                instance.transcript("troubleshoot script", result)));
        if (result.executableMissing()) {
            return Condition.unknown("the container has no `poetry`; is '" + container.image()
                    + "' the AI gateway's self-hosted image?");
        }
        String output = result.output();
        if (result.timedOut() || result.exitCode() != 0 || output.contains("Traceback") || output.contains("✗")) {
            return Condition.broken(each.failure(
                    "script-reported-failure",
                    instance.shell(command) + " (" + instance.where() + ")",
                    "exit code 0 and every check ending in ✔",
                    result.timedOut()
                            ? "it did not finish within " + SCRIPT_DEADLINE.toMinutes() + " minutes"
                            : lastLines(output) + " (exit code " + result.exitCode() + ")"));
        }
        return Condition.holdsBecause(form.note() + " in " + instance.where() + " — "
                + output.lines().filter(l -> l.contains("✔")).count() + " checks passed");
    }

    private static Optional<Condition> notHolding(Condition condition) {
        return condition instanceof Condition.Holds ? Optional.empty() : Optional.of(condition);
    }

    private static String lastLines(String output) {
        List<String> lines =
                output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
