package dev.duoconformance.checks.console;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.OptIn;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.runtime.DebuggingScripts;
import dev.duoconformance.runtime.GatewayRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The AI gateway's half of the doc's debugging scripts; GitLab's rake half is the section verify-gitlab-setup. */
@DocSection("debugging-scripts")
@Tag("console")
@Tag("runtime")
@Tag("debugging-scripts")
class DebuggingScriptsCheck {

    @Test
    @OptIn(parameter = "scripts", runs = "the AI gateway's troubleshooting script (`poetry run troubleshoot`, or the older image's form) inside its container")
    @DisplayName("The AI gateway's troubleshoot script, run inside its container, reports no failure")
    void troubleshootScriptReportsNoFailure(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        DebuggingScripts scripts = rules.get(DebuggingScripts.class);
        Condition reported = scripts.troubleshootReportsNoFailure();
        scripts.transcripts().forEach(t -> verdict.attach(t.name(), t.content()));
        verdict.require(reported);
    }
}
