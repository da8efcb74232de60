package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.runtime.ImagePlatformMismatch;
import dev.duoconformance.runtime.GatewayRuntime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("image-platform-mismatch")
@Tag("runtime")
@Tag("image-platform-mismatch")
class ImagePlatformMismatchCheck {

    @Test
    @DisplayName("The AI gateway image is built for the OS and architecture of the host it runs on")
    void imageMatchesTheHost(GatewayRuntime runtime, Rules rules, Verdict verdict) {
        verdict.require(rules.get(ImagePlatformMismatch.class).imageMatchesTheHost());
    }
}
