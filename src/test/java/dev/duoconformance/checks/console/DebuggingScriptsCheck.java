package dev.duoconformance.checks.console;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The AI gateway's half of the doc's debugging scripts; GitLab's rake half is the section verify-gitlab-setup. */
@DocSection("debugging-scripts")
@Tag("console")
@Tag("runtime")
@Tag("debugging-scripts")
class DebuggingScriptsCheck {
    @Test
    void troubleshootScriptReportsNoFailure(SectionCheck check) {
        check.judge();
    }
}
