package dev.duoconformance.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.Memo;
import dev.duoconformance.http.Redactor;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Looks at the running AI gateway through the Docker Engine API, and never changes it: it inspects the container,
 * its image and the engine, reads the container's last log lines, and execs read-only commands ({@code curl} or
 * {@code python3} GETs, {@code --version} probes, {@code test -r}, and the opt-in {@code poetry run troubleshoot}),
 * each with a hard deadline. Every answer is memoized for the run, so an unreachable engine costs one timeout.
 */
public final class RuntimeInspector implements AutoCloseable {
    private static final int LOG_LINES = 200;
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final Duration EXEC_MARGIN = Duration.ofSeconds(5);

    private final Environment.Docker docker;
    private final Duration requestTimeout;
    private final Memo memo;
    private final Redactor redactor;
    private final Consumer<Exchange> evidence;
    private final Supplier<Inspection<DockerClient>> client;
    private final Duration engineTimeout;
    private final ApiDeadline apiDeadline;
    private volatile DockerClient opened;
    private volatile BoundedDockerHttp connections;

    public RuntimeInspector(
            Environment.Docker docker,
            Environment.Http http,
            Memo memo,
            Redactor redactor,
            Consumer<Exchange> evidence) {
        this.docker = docker;
        this.requestTimeout = http.requestTimeout();
        this.memo = memo;
        this.redactor = redactor;
        this.evidence = evidence;
        this.engineTimeout = http.connectTimeout().plus(http.requestTimeout());
        this.apiDeadline = new ApiDeadline("the Docker engine at " + docker.host(), this::dropConnections);
        this.client = () -> memo.once("docker:client", () -> open(docker, http.connectTimeout(), engineTimeout));
    }

    private void dropConnections() {
        BoundedDockerHttp open = connections;
        if (open != null) {
            open.drop();
        }
    }

    private Inspection<DockerClient> open(Environment.Docker docker, Duration connectTimeout, Duration engineTimeout) {
        try {
            // The default builder also reads DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, for a tcp:// engine behind TLS.
            DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                    .withDockerHost(docker.host())
                    .build();
            ZerodepDockerHttpClient engine = new ZerodepDockerHttpClient.Builder()
                    .dockerHost(config.getDockerHost())
                    .sslConfig(config.getSSLConfig())
                    .maxConnections(8)
                    .connectionTimeout(connectTimeout)
                    .responseTimeout(engineTimeout.plus(requestTimeout).plus(EXEC_MARGIN))
                    .build();
            connections = new BoundedDockerHttp(engine);
            opened = DockerClientImpl.getInstance(config, connections);
            return Inspection.of(opened);
        } catch (RuntimeException e) {
            return Inspection.problem(DockerProblems.describe(e, docker.host(), docker.container()));
        }
    }

    public String dockerHost() {
        return docker.host();
    }

    /** {@code docker inspect <container>}; the values of its secret-looking variables join the run's redactor. */
    public Inspection<ContainerInfo> container() {
        return memo.once(
                "docker:container",
                () -> engine(engineTimeout, "docker inspect " + this.docker.container(), docker -> {
                    InspectContainerResponse inspected =
                            docker.inspectContainerCmd(this.docker.container()).exec();
                    Map<String, String> env = new LinkedHashMap<>();
                    Arrays.stream(Optional.ofNullable(inspected.getConfig().getEnv())
                                    .orElse(new String[0]))
                            .forEach(entry -> {
                                int eq = entry.indexOf('=');
                                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? "" : entry.substring(eq + 1));
                            });
                    Map<String, String> secrets = new LinkedHashMap<>(env);
                    secrets.keySet().removeIf(name -> !Redactor.looksSecret(name));
                    redactor.alsoRedact(secrets);
                    var state = inspected.getState();
                    return new ContainerInfo(
                            inspected.getId(),
                            inspected.getName().replaceFirst("^/", ""),
                            inspected.getConfig().getImage(),
                            inspected.getImageId(),
                            Boolean.TRUE.equals(state.getRunning()),
                            Boolean.TRUE.equals(state.getRestarting()),
                            state.getStatus(),
                            state.getExitCodeLong(),
                            inspected.getHostConfig().getNetworkMode(),
                            Map.copyOf(env));
                }));
    }

    /** {@code NAME=value} lines of the container's variables that {@code names} selects, secret-looking values masked. */
    public String describe(ContainerInfo container, java.util.function.Predicate<String> names) {
        return redactor.apply(container.env().entrySet().stream()
                .filter(e -> names.test(e.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + (Redactor.looksSecret(e.getKey()) ? Redactor.MASK : e.getValue()))
                .collect(Collectors.joining("\n")));
    }

    /** The platform the container's image was built for ({@code docker image inspect}: Os, Architecture). */
    public Inspection<Platform> imagePlatform(ContainerInfo container) {
        return memo.once(
                "docker:image:" + container.imageId(),
                () -> engine(engineTimeout, "docker image inspect", docker -> {
                    var image = docker.inspectImageCmd(container.imageId()).exec();
                    return Platform.of(image.getOs(), image.getArch());
                }));
    }

    /** The engine's own platform ({@code docker info}: OSType, Architecture). */
    public Inspection<Platform> enginePlatform() {
        return memo.once(
                "docker:engine",
                () -> engine(engineTimeout, "docker info", docker -> {
                    var info = docker.infoCmd().exec();
                    return Platform.of(info.getOsType(), info.getArchitecture());
                }));
    }

    /** The container's last log lines (stdout and stderr), redacted (after the container's secret values are known). */
    public Inspection<String> logs() {
        container();
        return memo.once(
                "docker:logs",
                () -> engine(requestTimeout.plus(engineTimeout), "docker logs", docker -> {
                    Output output = new Output();
                    try (var callback = docker.logContainerCmd(this.docker.container())
                            .withStdOut(true)
                            .withStdErr(true)
                            .withTail(LOG_LINES)
                            .exec(output)) {
                        if (!callback.awaitCompletion(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                            return redactor.apply(output.all()) + "\n(log reading stopped at its deadline)";
                        }
                    }
                    return redactor.apply(output.all());
                }));
    }

    /** Which HTTP client the image has, or empty when it has neither curl nor python3. */
    public Inspection<Optional<HttpProbe>> httpProbe() {
        return memo.once("docker:http-client", () -> {
            for (HttpProbe probe : HttpProbe.values()) {
                Inspection<ExecResult> version = exec(probe.versionCommand(), List.of(), requestTimeout);
                if (!version.ok()) {
                    return Inspection.problem(version.problem());
                }
                if (version.value().succeeded()) {
                    return Inspection.of(Optional.of(probe));
                }
            }
            return Inspection.of(Optional.<HttpProbe>empty());
        });
    }

    /**
     * {@code GET url} from inside the container, as the AI gateway would send it: with the container's own proxy
     * variables and, for https, the CA bundle its {@code SSL_CERT_FILE} names. A problem when the container has no
     * HTTP client or the engine did not run the command.
     */
    public Inspection<Exchange> get(URI url, Optional<String> authorization) {
        return memo.once("docker:get:" + url + ":" + authorization.isPresent(), () -> {
            Inspection<ContainerInfo> container = container();
            Inspection<Optional<HttpProbe>> probe = httpProbe();
            if (!container.ok() || !probe.ok()) {
                return Inspection.problem(container.ok() ? probe.problem() : container.problem());
            }
            if (probe.value().isEmpty()) {
                return Inspection.problem("the container has neither curl nor python3 to send a request with");
            }
            HttpProbe client = probe.value().get();
            Optional<String> caFile = container.value().env("SSL_CERT_FILE").filter(f -> !f.isBlank());
            List<String> command = client.command(url, requestTimeout, authorization.isPresent(), caFile);
            List<String> env = authorization
                    .map(value -> List.of(HttpProbe.AUTHORIZATION + "=" + value))
                    .orElse(List.of());
            Inspection<ExecResult> run = exec(command, env, requestTimeout.plus(EXEC_MARGIN));
            if (!run.ok()) {
                return Inspection.problem(run.problem());
            }
            if (run.value().executableMissing()) {
                return Inspection.problem("the container has no " + command.get(0) + " to send the request with");
            }
            String request = "GET " + url + " from inside the container '" + docker.container() + "' ("
                    + client.executable() + ")";
            Exchange exchange =
                    HttpProbe.exchange(request, url.getHost(), run.value(), transcript(request, run.value()));
            evidence.accept(exchange);
            return Inspection.of(exchange);
        });
    }

    /**
     * Runs a read-only command in the container, at most once per run, and gives up at the deadline. {@code env}
     * adds variables to the exec only (Docker does not show them in its record of the exec, unlike the command).
     */
    public Inspection<ExecResult> exec(List<String> command, List<String> env, Duration deadline) {
        container();
        return memo.once(
                "docker:exec:" + String.join("\u0000", command),
                () -> engine(deadline.plus(engineTimeout), "docker exec", docker -> {
                    ExecCreateCmdResponse created = docker.execCreateCmd(this.docker.container())
                            .withCmd(command.toArray(String[]::new))
                            .withEnv(env)
                            .withAttachStdout(true)
                            .withAttachStderr(true)
                            .exec();
                    Output output = new Output();
                    boolean finished;
                    try (var callback = docker.execStartCmd(created.getId()).exec(output)) {
                        finished = callback.awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    Long exit = finished
                            ? docker.inspectExecCmd(created.getId()).exec().getExitCodeLong()
                            : null;
                    return new ExecResult(
                            command,
                            exit == null ? -1 : exit,
                            output.stdout(),
                            output.stderr(),
                            !finished || exit == null);
                }));
    }

    /** An exec's record for the report: the command, exit code and redacted output. */
    public String transcript(String title, ExecResult result) {
        String shown = result.command().stream()
                .map(a -> a.contains("\n") ? "'<script>'" : a.contains(" ") ? "'" + a + "'" : a)
                .collect(Collectors.joining(" "));
        return redactor.apply(title + "\n$ docker exec " + docker.container() + " " + shown
                + "\n--- " + (result.timedOut() ? "stopped at its deadline" : "exit code " + result.exitCode())
                + "\n" + result.output());
    }

    private interface EngineCall<T> {
        T call(DockerClient docker) throws InterruptedException, IOException;
    }

    /** One call to the engine, ended at {@code within} whatever the engine does (the run's {@link ApiDeadline}). */
    private <T> Inspection<T> engine(Duration within, String action, EngineCall<T> call) {
        Inspection<DockerClient> docker = client.get();
        if (!docker.ok()) {
            return Inspection.problem(docker.problem());
        }
        try {
            return Inspection.of(apiDeadline.within(within, action, () -> call.call(docker.value())));
        } catch (ApiDeadline.RanOut e) {
            return Inspection.problem(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Inspection.problem("interrupted while asking the Docker engine at " + this.docker.host());
        } catch (Exception e) {
            return Inspection.problem(DockerProblems.describe(e, this.docker.host(), this.docker.container()));
        }
    }

    /** Collects a stream's frames, at most {@link #MAX_OUTPUT} characters of each of stdout and stderr. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        private final StringBuilder stdout = new StringBuilder();
        private final StringBuilder stderr = new StringBuilder();

        @Override
        public void onNext(Frame frame) {
            StringBuilder into = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
            synchronized (this) {
                if (into.length() < MAX_OUTPUT) {
                    String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                    into.append(text, 0, Math.min(text.length(), MAX_OUTPUT - into.length()));
                }
            }
        }

        synchronized String stdout() {
            return stdout.toString();
        }

        synchronized String stderr() {
            return stderr.toString();
        }

        synchronized String all() {
            return stdout.length() == 0
                    ? stderr.toString()
                    : stderr.length() == 0 ? stdout.toString() : stdout + "\n" + stderr;
        }
    }

    @Override
    public void close() {
        apiDeadline.close();
        DockerClient docker = opened;
        if (docker != null) {
            try {
                docker.close();
            } catch (IOException e) {
                // Closing only releases this run's connections to the engine; nothing to report.
            }
        }
    }
}
