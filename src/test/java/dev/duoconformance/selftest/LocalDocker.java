package dev.duoconformance.selftest;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The Docker engine of the machine running the self-tests (DOCKER_HOST, else the local socket), used to build the
 * stand-in images and to start and remove the tests' own containers. Everything it creates carries {@link #LABEL}.
 */
final class LocalDocker implements AutoCloseable {
    static final String LABEL = "duo-conformance-selftest";
    private static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    private final String host;
    private final DockerClient client;

    private LocalDocker(String host, DockerClient client) {
        this.host = host;
        this.client = client;
    }

    /**
     * The engine, or the test skipped with the reason when none answers. Never skipped in CI, whose script starts
     * one (.ci/start-docker): there a missing engine fails the test.
     */
    static LocalDocker connect() {
        String host = Optional.ofNullable(System.getenv("DOCKER_HOST")).filter(h -> !h.isBlank()).orElse(DEFAULT_HOST);
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
        DockerClient client = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5)).responseTimeout(Duration.ofMinutes(5)).build());
        try {
            client.pingCmd().exec();
            return new LocalDocker(host, client);
        } catch (RuntimeException e) {
            String reason = "no Docker engine answers at " + host + " (" + e.getMessage() + "); start one with .ci/start-docker (as root)";
            if (System.getenv("CI") != null) {
                Assertions.fail("CI must start a Docker engine before the tests: " + reason);
            }
            return Assumptions.abort(reason);
        }
    }

    String host() {
        return host;
    }

    DockerClient client() {
        return client;
    }

    /** Containers of an earlier run that crashed before removing them. */
    void removeLeftovers() {
        client.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, "true")).exec()
                .forEach(c -> remove(c.getId()));
    }

    boolean hasImage(String tag) {
        try {
            client.inspectImageCmd(tag).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * Builds with the classic builder, which records {@code platform} in the image even when it differs from the host's.
     * Without its cache: a cached step of the same content built for another platform would be reused as is.
     */
    void build(Path context, String tag, String platform) {
        client.buildImageCmd(context.toFile()).withTags(Set.of(tag)).withLabels(Map.of(LABEL, "true"))
                .withPlatform(platform).withPull(false).withRemove(true).withNoCache(true)
                .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
    }

    /** What a test container is made of. */
    record Spec(String image, String networkMode, Map<String, String> env, List<String> binds) {}

    /** Creates and starts a container; the caller removes it with {@link #remove(String)}. */
    String start(String purpose, Spec spec) {
        String name = "duo-selftest-" + purpose + "-" + UUID.randomUUID().toString().substring(0, 8);
        HostConfig hostConfig = HostConfig.newHostConfig().withNetworkMode(spec.networkMode())
                .withBinds(spec.binds().stream().map(Bind::parse).toList());
        CreateContainerCmd create = client.createContainerCmd(spec.image()).withName(name).withLabels(Map.of(LABEL, "true"))
                .withEnv(spec.env().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
                .withHostConfig(hostConfig);
        String id = create.exec().getId();
        client.startContainerCmd(id).exec();
        return name;
    }

    boolean running(String container) {
        return Boolean.TRUE.equals(client.inspectContainerCmd(container).exec().getState().getRunning());
    }

    String logs(String container) {
        StringBuilder out = new StringBuilder();
        try {
            client.logContainerCmd(container).withStdOut(true).withStdErr(true).withTail(50)
                    .exec(new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Frame>() {
                        @Override
                        public void onNext(com.github.dockerjava.api.model.Frame frame) {
                            out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return out.toString();
    }

    void remove(String container) {
        try {
            client.removeContainerCmd(container).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // Already gone.
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
