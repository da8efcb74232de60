package dev.duoconformance.runtime;

import dev.duoconformance.http.Exchange;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One running (or stopped) AI gateway: a Docker container, or the gateway's container in one pod. The runtime
 * sections judge each instance; a failure names it with {@link #where()}.
 */
public interface GatewayInstance {

    /** The container's configuration and state; on Kubernetes, values from Secrets are absent (see {@link #withheld}). */
    ContainerInfo info();

    /** e.g. {@code container 'ai-gateway'}, {@code pod 'ai-gateway-5f7c9d-abcde' (container 'ai-gateway')}. */
    String where();

    /**
     * Why the suite does not know a variable's value although the container may have one: it comes from a Secret,
     * whose values the suite never reads ({@code set from Secret aigw/AIGW_GITLAB_URL}), or from an unread source.
     */
    Optional<String> withheld(String variable);

    /**
     * Whether {@link #info()}'s environment includes the image's own {@code ENV} defaults: Docker's {@code Config.Env}
     * does; a pod spec does not, so a variable it lacks may still be set by the image.
     */
    default boolean environmentIncludesImageDefaults() {
        return true;
    }

    /** Whether {@code localhost:port} inside the container reaches something outside it: the host's network, or a sidecar's port. */
    boolean localhostReaches(int port);

    /** How the instance shares its network, for messages: {@code network mode bridge}, {@code the pod network}. */
    String network();

    /** {@code NAME=value} lines of the variables {@code names} selects, secret-looking values masked. */
    String describe(Predicate<String> names);

    /** Whether the image runs on the host's platform, with the evidence this runtime has. */
    Inspection<PlatformFinding> platform();

    /** The last log lines, and on Kubernetes those of the instance before the last restart. Redacted. */
    Inspection<String> logs();

    /** {@code GET url} from inside, with the instance's HTTP client; the Authorization value never lands on a command line. */
    Inspection<Exchange> get(URI url, Optional<String> authorization);

    /** A read-only command inside, at most once per run, stopped at the deadline. */
    Inspection<ExecResult> exec(List<String> command, Duration deadline);

    /** The command a person would type to run {@code command} there: {@code docker exec …} or {@code kubectl exec …}. */
    String shell(List<String> command);

    /** The command a person would type to read the logs: {@code docker logs …} or {@code kubectl logs …}. */
    String logsCommand();

    /** An exec's record for the report: the command, exit code and redacted output. */
    String transcript(String title, ExecResult result);

    /**
     * The image-platform check's finding: what was compared, what was expected, and the evidence of a mismatch, or why
     * the runtime cannot tell yet ({@code undecided}).
     */
    record PlatformFinding(String checked, String expected, Optional<String> mismatch, Optional<String> undecided) {}
}
