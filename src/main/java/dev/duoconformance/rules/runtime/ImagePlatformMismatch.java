package dev.duoconformance.rules.runtime;

import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.Inspection;
import java.util.Optional;

/**
 * Section image-platform-mismatch: every instance's image is built for the OS and architecture of the host it runs on
 * (Docker: the image's platform against the engine's; Kubernetes: whether the entrypoint starts on its node).
 */
public final class ImagePlatformMismatch implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.IMAGE_PLATFORM);
    private static final String SECTION = Sections.IMAGE_PLATFORM;

    private final Rules rules;
    private final EachInstance each;

    public ImagePlatformMismatch(Rules rules, EachInstance each) {
        this.rules = rules;
        this.each = each;
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    public Condition imageMatchesTheHost() {
        return rules.once(this, "imageMatchesTheHost", () -> each.judge(this, instance -> {
            GatewayInstance.PlatformFinding finding = instance.platform().orElseThrow(Unknowable::new);
            if (finding.undecided().isPresent()) {
                return Condition.unknown(finding.undecided().get());
            }
            return finding.mismatch().<Condition>map(evidence -> Condition.broken(each.failure(SECTION, "mismatch", finding.checked(),
                    finding.expected(), evidence))).orElseGet(Condition::holds);
        }));
    }

    /** What a section that needs the instance running is blocked by, when the instance stopped because its node cannot run its image. */
    static Optional<Failure> stoppedOnItsNode(GatewayInstance instance) {
        Inspection<GatewayInstance.PlatformFinding> platform = instance.platform();
        if (!platform.ok()) {
            return Optional.empty();
        }
        return platform.value().mismatch().map(evidence -> new Failure(SECTION, "mismatch", instance.where(), platform.value().expected(), evidence));
    }
}
