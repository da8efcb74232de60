package dev.duoconformance.rules.runtime;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.EachInstance;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.Unknowable;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.Inspection;
import java.util.Optional;

/**
 * Section image-platform-mismatch: every instance's image is built for the OS and architecture of the host it runs on
 * (Docker: the image's platform against the engine's; Kubernetes: whether the entrypoint starts on its node).
 */
public final class ImagePlatformMismatch {
    public static final Check<ImagePlatformMismatch> IMAGE_MATCHES_THE_HOST = Check.of(
            "imageMatchesTheHost",
            "The AI gateway image is built for the OS and architecture of the host it runs on",
            Gate.from(Gate.Vantage.RUNTIME),
            ImagePlatformMismatch::imageMatchesTheHost);
    public static final Declaration<ImagePlatformMismatch> SECTION =
            Declaration.of(Sections.IMAGE_PLATFORM, ImagePlatformMismatch::new).checks(IMAGE_MATCHES_THE_HOST);
    private static final String ID = Sections.IMAGE_PLATFORM;

    private final EachInstance each;

    private ImagePlatformMismatch(Probes probes) {
        this.each = probes.instances().orElseThrow();
    }

    private Condition imageMatchesTheHost() {
        return each.judge(instance -> {
            GatewayInstance.PlatformFinding finding = instance.platform().orElseThrow(Unknowable::new);
            if (finding.undecided().isPresent()) {
                return Condition.unknown(finding.undecided().get());
            }
            return finding.mismatch()
                    .<Condition>map(evidence ->
                            Condition.broken(each.failure("mismatch", finding.checked(), finding.expected(), evidence)))
                    .orElseGet(Condition::holds);
        });
    }

    /** What a section that needs the instance running is blocked by, when the instance stopped because its node cannot run its image. */
    static Optional<Failure> stoppedOnItsNode(GatewayInstance instance) {
        Inspection<GatewayInstance.PlatformFinding> platform = instance.platform();
        if (!platform.ok()) {
            return Optional.empty();
        }
        return platform.value()
                .mismatch()
                .map(evidence -> new Failure(
                        ID, "mismatch", instance.where(), platform.value().expected(), evidence));
    }
}
