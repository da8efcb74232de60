package dev.duoconformance.checks.gitlab;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("feature-not-accessible")
@Tag("gitlab")
@Tag("feature-not-accessible")
class FeatureNotAccessibleCheck {
    @Test
    void listedFeaturesAreAssigned(SectionCheck check) {
        check.judge();
    }
}
