package dev.duoconformance.rules.runtime;

import dev.duoconformance.rules.Condition;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.GatewayInstance;
import java.util.Optional;

/**
 * The sections that look inside an instance need it running. A stopped one is blocked by the section whose fault
 * stopped it (a metrics-port clash on the host network, an image its node cannot execute), else not checked.
 */
public final class Running {
    private Running() {}

    /** Empty when the instance runs; otherwise the broken upstream condition that stopped it, or why it is not checked. */
    public static Optional<Condition> stopped(GatewayInstance instance) {
        ContainerInfo container = instance.info();
        if (container.running()) {
            return Optional.empty();
        }
        return LlmServerInContainer.stoppedByPortClash(instance)
                .or(() -> ImagePlatformMismatch.stoppedOnItsNode(instance))
                .map(Condition::broken)
                .or(() -> Optional.of(Condition.unknown("the AI gateway " + instance.where() + " is not running ("
                        + container.state() + "); `" + instance.logsCommand() + "` tells why")));
    }
}
