package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("image-platform-mismatch")
@Tag("runtime")
@Tag("image-platform-mismatch")
class ImagePlatformMismatchCheck {
    @Test
    void imageMatchesTheHost(SectionCheck check) {
        check.judge();
    }
}
