package dev.duoconformance.checks.runtime;

import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayRuntime;
import dev.duoconformance.runtime.Platform;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@DocSection("image-platform-mismatch")
@Tag("runtime")
@Tag("image-platform-mismatch")
@DisplayName("The image's platform does not match the host")
class ImagePlatformMismatchCheck {

    @Test
    @DisplayName("The AI gateway image is built for the Docker host's OS and architecture")
    void imageMatchesTheHost(GatewayRuntime runtime, Verdict verdict) {
        ContainerInfo container = GatewayContainer.inspected(runtime, verdict);
        Platform image = runtime.imagePlatform(container).orElseThrow(verdict::notChecked);
        Platform host = runtime.enginePlatform().orElseThrow(verdict::notChecked);
        if (!image.equals(host)) {
            throw verdict.failed("mismatch",
                    "Os/Architecture of image " + container.image() + " (docker image inspect) against the engine's (docker info)",
                    host + ", the host's platform (pull it with --platform " + host + ", or use a multi-arch tag)",
                    image + ": Docker warns \"The requested image's platform (" + image + ") does not match the detected host platform ("
                            + host + ")\" and runs it under emulation, if at all");
        }
    }
}
