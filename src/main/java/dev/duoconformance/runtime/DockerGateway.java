package dev.duoconformance.runtime;

import dev.duoconformance.http.Exchange;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The AI gateway as one Docker container, read through {@link RuntimeInspector}. */
public final class DockerGateway implements GatewayRuntime, GatewayInstance {
    private final RuntimeInspector docker;

    public DockerGateway(RuntimeInspector docker) {
        this.docker = docker;
    }

    @Override
    public Inspection<List<GatewayInstance>> instances() {
        Inspection<ContainerInfo> container = docker.container();
        return container.ok() ? Inspection.of(List.of(this)) : Inspection.problem(container.problem());
    }

    @Override
    public String stepsWording() {
        return "";
    }

    @Override
    public ContainerInfo info() {
        return docker.container().orElseThrow(IllegalStateException::new);
    }

    @Override
    public String where() {
        return "container '" + info().name() + "'";
    }

    @Override
    public Optional<String> withheld(String variable) {
        return Optional.empty();
    }

    @Override
    public boolean localhostReaches(int port) {
        // On the host network localhost is the host; with NetworkMode container:<id|name> (a sidecar) it is that
        // container.
        return info().onHostNetwork() || String.valueOf(info().networkMode()).startsWith("container:");
    }

    @Override
    public String network() {
        return "network mode " + info().networkMode();
    }

    @Override
    public String describe(Predicate<String> names) {
        return docker.describe(info(), names);
    }

    @Override
    public Inspection<PlatformFinding> platform() {
        ContainerInfo container = info();
        Inspection<Platform> image = docker.imagePlatform(container);
        Inspection<Platform> host = docker.enginePlatform();
        if (!image.ok() || !host.ok()) {
            return Inspection.problem(image.ok() ? host.problem() : image.problem());
        }
        String checked = "Os/Architecture of image " + container.image()
                + " (docker image inspect) against the engine's (docker info)";
        String expected = host.value() + ", the host's platform (pull it with --platform " + host.value()
                + ", or use a multi-arch tag)";
        Optional<String> mismatch = image.value().equals(host.value())
                ? Optional.empty()
                : Optional.of(image.value() + ": Docker warns \"The requested image's platform (" + image.value()
                        + ") does not match the detected host platform (" + host.value()
                        + ")\" and runs it under emulation, if at all");
        return Inspection.of(new PlatformFinding(checked, expected, mismatch, Optional.empty()));
    }

    @Override
    public Inspection<String> logs() {
        return docker.logs();
    }

    @Override
    public Inspection<Exchange> get(URI url, Optional<String> authorization) {
        return docker.get(url, authorization);
    }

    @Override
    public Inspection<ExecResult> exec(List<String> command, Duration deadline) {
        return docker.exec(command, List.of(), deadline);
    }

    @Override
    public String shell(List<String> command) {
        return "docker exec " + info().name() + " " + String.join(" ", command);
    }

    @Override
    public String logsCommand() {
        return "docker logs " + info().name();
    }

    @Override
    public String transcript(String title, ExecResult result) {
        return docker.transcript(title, result);
    }

    @Override
    public void close() {
        docker.close();
    }
}
