package dev.duoconformance.runtime;

import java.util.List;

/**
 * Where the AI gateway runs, as the runtime sections read it: one container on a Docker engine, or one instance per
 * replica (pod) on Kubernetes. Read-only: an implementation inspects, reads logs and execs read-only commands.
 */
public interface GatewayRuntime extends AutoCloseable {

    /** Every instance of the AI gateway, or why none can be read (no access, no such container or pod). */
    Inspection<List<GatewayInstance>> instances();

    /** Which wording of the catalogue's steps fits this runtime: empty for the doc's own (Docker), or {@code kubernetes}. */
    String stepsWording();

    @Override
    void close();
}
