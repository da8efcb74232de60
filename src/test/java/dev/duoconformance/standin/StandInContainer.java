package dev.duoconformance.standin;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * Containers of the AI gateway stand-in image, started through Testcontainers, which waits for them and removes them
 * when they are closed (and, with Ryuk disabled on a closed network, when the JVM exits).
 */
public final class StandInContainer {
    /** How long a stand-in may take to start: the first run on an engine builds the image. */
    public static final Duration STARTUP = Duration.ofMinutes(2);
    /** Where a container finds the private CA bundle that {@link #gateway} mounts. */
    public static final String CA_IN_CONTAINER = "/etc/duo-ca/private-ca.pem";

    private StandInContainer() {}

    /** What an AI gateway stand-in is made of: its platform (linux/amd64 or linux/arm64), network mode, environment and CA bundle. */
    public record Spec(String platform, String network, Map<String, String> env, Path caBundle) {}

    /** An AI gateway stand-in, started once it logs that it serves. */
    public static GenericContainer<?> gateway(String purpose, Spec spec) {
        return container(purpose, spec)
                .waitingFor(Wait.forLogMessage(".*stand-in AI gateway ready.*\\n", 1)
                        .withStartupTimeout(STARTUP));
    }

    /** An AI gateway stand-in that stops by itself on start (its port taken), started once it has stopped. */
    public static GenericContainer<?> stoppingGateway(String purpose, Spec spec) {
        return container(purpose, spec)
                .withStartupCheckStrategy(new Exited().withTimeout(STARTUP))
                .waitingFor(
                        Wait.forLogMessage(".*starting metrics server.*\\n", 1).withStartupTimeout(STARTUP));
    }

    /** A GitLab stand-in on the default bridge network (its OIDC documents over http on port 80), for containers there. */
    public static GenericContainer<?> gitlabOnTheBridge() {
        return new GenericContainer<>(StandInImage.of("linux/amd64"))
                .withNetworkMode("bridge")
                .withEnv("STANDIN_ROLE", "gitlab")
                .withCreateContainerCmdModifier(create -> create.withName(name("gitlab")))
                .waitingFor(
                        Wait.forLogMessage(".*stand-in GitLab ready.*\\n", 1).withStartupTimeout(STARTUP));
    }

    /** The container's address on the default bridge network. */
    public static String bridgeAddress(GenericContainer<?> container) {
        return container
                .getContainerInfo()
                .getNetworkSettings()
                .getNetworks()
                .get("bridge")
                .getIpAddress();
    }

    /** The container's name, as {@code docker ps} shows it. */
    public static String name(GenericContainer<?> container) {
        return container.getContainerName().replaceFirst("^/", "");
    }

    /** The engine Testcontainers uses, as a Docker host URI (the suite's inspector reads the containers there). */
    public static String dockerHost() {
        return DockerClientFactory.instance()
                .getTransportConfig()
                .getDockerHost()
                .toString();
    }

    /** A loopback port nothing listens on (yet): for a refused connection, or a port for a container on the host network. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GenericContainer<?> container(String purpose, Spec spec) {
        GenericContainer<?> container = new GenericContainer<>(StandInImage.of(spec.platform()))
                .withNetworkMode(spec.network())
                .withEnv(spec.env())
                .withCreateContainerCmdModifier(create -> create.withName(name(purpose)));
        if (spec.caBundle() != null) {
            container.withFileSystemBind(spec.caBundle().toString(), CA_IN_CONTAINER, BindMode.READ_ONLY);
        }
        return container;
    }

    private static String name(String purpose) {
        return "duo-standin-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Started means stopped, whatever the exit code: for a container whose documented fault is that it cannot stay up. */
    private static final class Exited extends StartupCheckStrategy {
        @Override
        public StartupStatus checkStartupState(DockerClient docker, String containerId) {
            InspectContainerResponse.ContainerState state = getCurrentState(docker, containerId);
            return Boolean.TRUE.equals(state.getRunning()) ? StartupStatus.NOT_YET_KNOWN : StartupStatus.SUCCESSFUL;
        }
    }
}
