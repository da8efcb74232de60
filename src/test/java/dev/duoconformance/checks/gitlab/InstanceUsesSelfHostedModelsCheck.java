package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("instance-uses-self-hosted-models")
@Tag("gitlab")
@Tag("instance-uses-self-hosted-models")
class InstanceUsesSelfHostedModelsCheck {
    @Test
    void codeSuggestionsUseTheSelfHostedModels(SectionCheck check) {
        check.judge();
    }
}
