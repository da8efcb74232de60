package dev.duoconformance.standin;

import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.duoconformance.config.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.testcontainers.containers.GenericContainer;

/**
 * {@code -Ddemo.runtime=docker}: the demo's AI gateway also runs as a stand-in container on the local Docker engine
 * (on the host network, beside the simulators on loopback), so the runtime sections have a container to read. Started
 * through Testcontainers in the run; before it, the environment check only asks whether an engine answers.
 */
public final class DemoRuntime implements AutoCloseable {
    public static final String DOCKER = "docker";
    private static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

    private final String dockerHost;
    private final String containerName;
    private final GenericContainer<?> container;

    private DemoRuntime(String dockerHost, String containerName, GenericContainer<?> container) {
        this.dockerHost = dockerHost;
        this.containerName = containerName;
        this.container = container;
    }

    /** What the container differs in from a healthy AI gateway's: the documented runtime faults of the demo. */
    public record Configuration(
            URI gitlabUrl,
            Path caBundle,
            boolean authBypassed,
            boolean customModelsOff,
            boolean gitlabUrlWrong,
            boolean arm64Image,
            boolean caVariablesMissing) {}

    /** Checks {@code -Ddemo.runtime=<runtime>} without starting anything: a runtime the demo has, on an engine that answers. */
    public static void check(String runtime) {
        requireKnown(runtime);
        requireEngine();
    }

    /** The runtime of {@code -Ddemo.runtime=<runtime>}: a started container. */
    public static DemoRuntime of(String runtime, Configuration configuration) {
        requireKnown(runtime);
        GenericContainer<?> container = StandInContainer.gateway("demo", spec(configuration));
        try {
            container.start();
        } catch (IllegalStateException noEngine) {
            throw new ConfigurationException(noEngine(configuredHost(), noEngine));
        }
        return new DemoRuntime(StandInContainer.dockerHost(), StandInContainer.name(container), container);
    }

    private static StandInContainer.Spec spec(Configuration c) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AIGW_CUSTOM_MODELS__ENABLED", c.customModelsOff() ? "false" : "true");
        String gitlab = c.gitlabUrlWrong() ? "https://gitlab.example.com/" : c.gitlabUrl() + "/";
        env.put("AIGW_GITLAB_URL", gitlab);
        env.put("AIGW_GITLAB_API_URL", gitlab + "api/v4/");
        if (c.authBypassed()) {
            env.put("AIGW_AUTH__BYPASS_EXTERNAL", "true");
        }
        // On the host network: ports of its own, so that demos side by side do not clash.
        env.put("AIGW_FASTAPI__API_PORT", Integer.toString(StandInContainer.freePort()));
        env.put("AIGW_FASTAPI__METRICS_PORT", Integer.toString(StandInContainer.freePort()));
        env.put("AIGW_LOGGING__LEVEL", "INFO");
        if (!c.caVariablesMissing()) {
            env.put("SSL_CERT_FILE", StandInContainer.CA_IN_CONTAINER);
            env.put("REQUESTS_CA_BUNDLE", StandInContainer.CA_IN_CONTAINER);
        }
        return new StandInContainer.Spec(c.arm64Image() ? "linux/arm64" : "linux/amd64", "host", env, c.caBundle());
    }

    /** The docker block of the environment file: where the suite reads the container. */
    public Map<String, String> dockerBlock() {
        return Map.of("host", dockerHost, "container", containerName);
    }

    @Override
    public void close() {
        container.close();
    }

    private static void requireKnown(String runtime) {
        if (!DOCKER.equals(runtime)) {
            throw new ConfigurationException(
                    "-Ddemo.runtime=" + runtime + " is not a runtime the demo has. Use -Ddemo.runtime=docker "
                            + "(a stand-in AI gateway container on the local Docker engine, for the runtime sections), or leave it out.");
        }
    }

    private static void requireEngine() {
        String host = configuredHost();
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .build();
        try (var docker = DockerClientImpl.getInstance(
                config,
                new ZerodepDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost())
                        .sslConfig(config.getSSLConfig())
                        .connectionTimeout(Duration.ofSeconds(3))
                        .responseTimeout(Duration.ofSeconds(10))
                        .build())) {
            docker.pingCmd().exec();
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationException(noEngine(host, e));
        }
    }

    private static String noEngine(String host, Throwable why) {
        Throwable root = why;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "-Ddemo.runtime=docker needs a Docker engine, and none answers at " + host + " (" + root.getMessage()
                + "). Start one "
                + "(on Debian: `sudo .ci/start-docker` installs and starts it), point DOCKER_HOST at one, or run the demo without -Ddemo.runtime.";
    }

    /** DOCKER_HOST, else the local socket: where both the check before the run and Testcontainers look first. */
    private static String configuredHost() {
        return Optional.ofNullable(System.getenv("DOCKER_HOST"))
                .filter(h -> !h.isBlank())
                .orElse(DEFAULT_DOCKER_HOST);
    }
}
