package dev.duoconformance.rules.runtime;

import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.upstream.TroubleshootScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static dev.duoconformance.rules.runtime.ContainerReads.apiPort;

/**
 * Section debugging-scripts, the AI gateway's half (GitLab's rake half is verify-gitlab-setup): its troubleshoot
 * script ({@code poetry run troubleshoot}, or the older image's form), run inside every instance, reports no failure.
 */
public final class DebuggingScripts implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.DEBUGGING_SCRIPTS, Sections.AIGW_ENV_VARS, Sections.AIGW_REACHES_GITLAB,
            Sections.LLM_SERVER_IN_CONTAINER, Sections.IMAGE_PLATFORM, Sections.TLS);
    private static final String SECTION = Sections.DEBUGGING_SCRIPTS;
    private static final Duration SCRIPT_DEADLINE = Duration.ofMinutes(2);
    /** The AI gateway image's WORKDIR in every version (its Dockerfile). */
    private static final String APP = "/app";

    private final Rules rules;
    private final EachInstance each;
    private final List<Evidence> transcripts = Collections.synchronizedList(new ArrayList<>());

    public DebuggingScripts(Rules rules, EachInstance each) {
        this.rules = rules;
        this.each = each;
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    public Condition troubleshootReportsNoFailure() {
        return rules.once(this, "troubleshoot", () -> each.judge(this, this::troubleshoot));
    }

    /** What the script printed in each instance where it ran, for the report. */
    public List<Evidence> transcripts() {
        return List.copyOf(transcripts);
    }

    private Condition troubleshoot(GatewayInstance instance) {
        // The script stops at its first failure; the failures the suite's own sections find first are theirs.
        AiGatewayEnvVars env = rules.get(AiGatewayEnvVars.class);
        List<Supplier<Optional<Condition>>> first = List.of(() -> Running.stopped(instance), () -> notHolding(env.customModelsEnabled(instance)),
                () -> notHolding(env.gitlabUrls(instance)), () -> notHolding(rules.get(AiGatewayCanReachGitlab.class).gitlabAnswers(instance)));
        for (Supplier<Optional<Condition>> upstream : first) {
            Optional<Condition> found = upstream.get();
            if (found.isPresent()) {
                return found.get();
            }
        }
        ContainerInfo container = instance.info();
        ExecResult probe = instance.exec(TroubleshootScript.detection(APP), Duration.ofSeconds(20)).orElseThrow(Unknowable::new);
        TroubleshootScript form = TroubleshootScript.detected(probe.output())
                .orElseThrow(() -> new Unknowable(TroubleshootScript.noneFound(container.image())));
        List<String> command = List.of(form.command("localhost:" + apiPort(instance)).split(" "));
        ExecResult result = instance.exec(command, SCRIPT_DEADLINE).orElseThrow(Unknowable::new);
        transcripts.add(new Evidence(String.join(" ", command) + " in " + instance.where(), instance.transcript("troubleshoot script", result)));
        if (result.executableMissing()) {
            return Condition.unknown("the container has no `poetry`; is '" + container.image() + "' the AI gateway's self-hosted image?");
        }
        String output = result.output();
        if (result.timedOut() || result.exitCode() != 0 || output.contains("Traceback") || output.contains("✗")) {
            return Condition.broken(each.failure(SECTION, "script-reported-failure", instance.shell(command) + " (" + instance.where() + ")",
                    "exit code 0 and every check ending in ✔", result.timedOut() ? "it did not finish within " + SCRIPT_DEADLINE.toMinutes()
                            + " minutes" : lastLines(output) + " (exit code " + result.exitCode() + ")"));
        }
        return Condition.holdsBecause(form.note() + " in " + instance.where() + " — " + output.lines().filter(l -> l.contains("✔")).count()
                + " checks passed");
    }

    private static Optional<Condition> notHolding(Condition condition) {
        return condition instanceof Condition.Holds ? Optional.empty() : Optional.of(condition);
    }

    private static String lastLines(String output) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }
}
