package dev.duoconformance.checks.console;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("verify-gitlab-setup")
@Tag("console")
@Tag("verify-gitlab-setup")
class VerifyGitlabSetupCheck {
    @Test
    void verifySelfHostedSetupReportsNoFailure(SectionCheck check) {
        check.judge();
    }
}
