package dev.duoconformance.runtime;

import dev.duoconformance.http.Exchange;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The AI gateway's runtime as the runtime sections read it, whatever runs the container: today the Docker Engine
 * ({@link RuntimeInspector}); a Kubernetes implementation reads the pod, its node and its logs the same way. Every
 * method is read-only, runs at most once per run and ends at a deadline; problems come back as {@link Inspection}s.
 */
public interface GatewayRuntime extends AutoCloseable {
    /** Where the runtime is, for messages (the Docker host; a Kubernetes context and namespace). */
    String where();

    /** The gateway's container: its variables, network mode, state and image. */
    Inspection<ContainerInfo> container();

    /** Where a variable of the container comes from, when the runtime knows (a Kubernetes Secret or ConfigMap key). */
    default Optional<String> envSource(ContainerInfo container, String name) {
        return Optional.empty();
    }

    /** {@code NAME=value} lines of the variables {@code names} selects, secret-looking values masked. */
    String describe(ContainerInfo container, Predicate<String> names);

    /** The platform the container's image was built for. */
    Inspection<Platform> imagePlatform(ContainerInfo container);

    /** The platform of what runs it (the Docker engine; the Kubernetes node). */
    Inspection<Platform> enginePlatform();

    /** The container's last log lines, redacted. */
    Inspection<String> logs();

    /** {@code GET url} from inside the container, as the AI gateway would send it. */
    Inspection<Exchange> get(URI url, Optional<String> authorization);

    /** A read-only command run in the container, once per run, ended at {@code deadline}. */
    Inspection<ExecResult> exec(List<String> command, List<String> env, Duration deadline);

    /** An exec's record for the report: the command, exit code and redacted output. */
    String transcript(String title, ExecResult result);

    @Override
    void close();
}
