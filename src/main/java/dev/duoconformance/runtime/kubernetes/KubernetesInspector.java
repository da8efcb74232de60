package dev.duoconformance.runtime.kubernetes;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.Memo;
import dev.duoconformance.http.Redactor;
import dev.duoconformance.runtime.ApiDeadline;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.HttpProbe;
import dev.duoconformance.runtime.Inspection;
import dev.duoconformance.runtime.Platform;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.ContainerResource;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Looks at the AI gateway's pods through the Kubernetes API, and never changes them: it lists or gets the pods,
 * reads the ConfigMaps their environment names (never a Secret), the nodes' platform, the container's last log lines
 * (and the previous instance's after a restart), and execs the same read-only commands as on Docker, each with a
 * deadline. Every answer is memoized for the run, so an unreachable API server costs one timeout.
 */
public final class KubernetesInspector implements AutoCloseable {
    static final int LOG_LINES = 200;
    private static final Duration EXEC_MARGIN = Duration.ofSeconds(5);
    private static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");
    /** The most bytes read of one answer (a pod list of many replicas is well under it; a log is cut far below). */
    static final long MAX_ANSWER = 16L << 20;
    /** Every answer's body read up to {@link #MAX_ANSWER} bytes, then cancelled: an endless answer ends there, not at the deadline. */
    private static final Interceptor BOUNDED_BODIES = new Interceptor() {
        @Override
        public AsyncBody.Consumer<List<ByteBuffer>> consumer(
                AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
            AtomicLong received = new AtomicLong();
            return (buffers, body) -> {
                long total = received.addAndGet(
                        buffers.stream().mapToLong(ByteBuffer::remaining).sum());
                if (total > MAX_ANSWER) {
                    body.cancel();
                    throw new IOException("the answer to " + request.method() + " "
                            + request.uri().getPath() + " went on past " + (MAX_ANSWER >> 20)
                            + " MiB; reading stopped there");
                }
                consumer.consume(buffers, body);
            };
        }
    };

    private final Environment.Kubernetes kubernetes;
    private final Duration requestTimeout;
    private final Memo memo;
    private final Redactor redactor;
    private final Consumer<Exchange> evidence;
    private final Supplier<Inspection<KubernetesClient>> client;
    private final Function<String, String> processEnvironment;
    private final Duration apiTimeout;
    private final ApiDeadline apiDeadline;
    private volatile KubernetesClient opened;
    private volatile String apiServer = "(not known yet)";

    public KubernetesInspector(
            Environment.Kubernetes kubernetes,
            Environment.Http http,
            Memo memo,
            Redactor redactor,
            Consumer<Exchange> evidence,
            Function<String, String> processEnvironment) {
        this.kubernetes = kubernetes;
        this.requestTimeout = http.requestTimeout();
        this.memo = memo;
        this.redactor = redactor;
        this.evidence = evidence;
        this.processEnvironment = processEnvironment;
        this.apiTimeout = http.connectTimeout().plus(http.requestTimeout());
        this.apiDeadline = new ApiDeadline("the Kubernetes API server", this::dropConnections);
        this.client = () -> memo.once("k8s:client", () -> open(http));
    }

    private Inspection<KubernetesClient> open(Environment.Http http) {
        try {
            Config base = kubernetes
                    .kubeconfig()
                    .map(file -> Config.fromKubeconfig(kubernetes.context().orElse(null), file.toFile()))
                    .orElseGet(this::inCluster);
            Config config = new ConfigBuilder(base)
                    .withConnectionTimeout((int) http.connectTimeout().toMillis())
                    .withRequestTimeout((int) requestTimeout.toMillis())
                    // One try: a silent API server costs one timeout per run, as the Docker engine does.
                    .withRequestRetryBackoffLimit(0)
                    .withNamespace(kubernetes.namespace())
                    .build();
            apiServer = config.getMasterUrl();
            opened = new KubernetesClientBuilder()
                    .withConfig(config)
                    .withHttpClientFactory(new JdkHttpClientFactory())
                    .withHttpClientBuilderConsumer(builder ->
                            builder.addOrReplaceInterceptor("duo-conformance-bounded-bodies", BOUNDED_BODIES))
                    .build();
            return Inspection.of(opened);
        } catch (RuntimeException e) {
            return Inspection.problem("cannot use the Kubernetes configuration "
                    + kubernetes.kubeconfig().map(Path::toString).orElse("of this pod's service account") + ": "
                    + e.getMessage());
        }
    }

    /** The service account of the pod the suite runs in, as kubectl uses it in-cluster. */
    private Config inCluster() {
        String host = Optional.ofNullable(processEnvironment.apply("KUBERNETES_SERVICE_HOST"))
                .orElse("");
        String port = Optional.ofNullable(processEnvironment.apply("KUBERNETES_SERVICE_PORT"))
                .orElse("443");
        Path token = SERVICE_ACCOUNT.resolve("token");
        if (!Files.isReadable(token)) {
            throw new IllegalStateException(
                    "no service account token at " + token + " (is automountServiceAccountToken false for this pod?)");
        }
        return new ConfigBuilder(Config.empty())
                .withMasterUrl("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port)
                .withCaCertFile(SERVICE_ACCOUNT.resolve("ca.crt").toString())
                .withOauthTokenProvider(() -> {
                    try {
                        return Files.readString(token).strip(); // bound tokens rotate: read at each request
                    } catch (IOException e) {
                        throw new IllegalStateException("cannot read " + token, e);
                    }
                })
                .build();
    }

    public Environment.Kubernetes target() {
        return kubernetes;
    }

    /**
     * Every replica: the pods the selector matches (or the named pod), sorted by name, without those being deleted.
     * The values of their secret-looking variables join the run's redactor.
     */
    public Inspection<List<PodFacts>> pods() {
        return memo.once("k8s:pods", () -> {
            Permission permission = kubernetes.selector().isPresent() ? Permission.LIST_PODS : Permission.GET_PODS;
            String action = (kubernetes.selector().isPresent() ? "list " : "get ") + kubernetes.describePods();
            Inspection<List<Pod>> found = api(action, permission, k8s -> {
                var pods = k8s.pods().inNamespace(kubernetes.namespace());
                if (kubernetes.selector().isPresent()) {
                    return pods.list(new ListOptionsBuilder()
                                    .withLabelSelector(kubernetes.selector().get())
                                    .build())
                            .getItems();
                }
                Pod pod = pods.withName(kubernetes.pod().orElseThrow()).get();
                return pod == null ? List.of() : List.of(pod);
            });
            if (!found.ok()) {
                return Inspection.problem(found.problem());
            }
            List<Pod> current = found.value().stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                    .toList();
            if (current.isEmpty()) {
                return Inspection.problem("there is no "
                        + kubernetes.describePods().replaceFirst("^pods matching", "pod matching")
                        + " (`kubectl get pods -n " + kubernetes.namespace()
                        + kubernetes.selector().map(s -> " -l '" + s + "'").orElse("")
                        + "` shows what there is); set ai_gateway.kubernetes."
                        + (kubernetes.selector().isPresent() ? "selector" : "pod")
                        + " to the AI gateway's");
            }
            PodReader reader = new PodReader(kubernetes.container(), this::configMap, this::nodePlatform);
            try {
                List<PodFacts> pods = current.stream().map(reader::read).toList();
                redactor.alsoRedact(pods.stream()
                        .flatMap(p -> p.env().stream())
                        .filter(v -> Redactor.looksSecret(v.name()) && v.value().isPresent())
                        .collect(Collectors.toMap(
                                PodFacts.EnvVar::name, v -> v.value().get(), (one, other) -> one)));
                return Inspection.of(pods);
            } catch (PodReader.Refusal refusal) {
                return Inspection.problem(refusal.getMessage());
            }
        });
    }

    private Inspection<Map<String, String>> configMap(String name) {
        return memo.once(
                "k8s:configmap:" + name,
                () -> api(
                        "get ConfigMap '" + name + "' in namespace '" + kubernetes.namespace() + "'",
                        Permission.GET_CONFIGMAPS,
                        k8s -> {
                            var map = k8s.configMaps()
                                    .inNamespace(kubernetes.namespace())
                                    .withName(name)
                                    .get();
                            if (map == null) {
                                throw new PodReader.Refusal("ConfigMap '" + name + "' does not exist");
                            }
                            return Map.copyOf(Optional.ofNullable(map.getData()).orElse(Map.of()));
                        }));
    }

    /** {@code status.nodeInfo}; without {@code get} on nodes (a ClusterRole), the problem names it and the caller falls back. */
    private Inspection<Platform> nodePlatform(String node) {
        return memo.once(
                "k8s:node:" + node,
                () -> api("get node '" + node + "'", Permission.GET_NODES, k8s -> {
                    var found = k8s.nodes().withName(node).get();
                    if (found == null
                            || found.getStatus() == null
                            || found.getStatus().getNodeInfo() == null) {
                        throw new PodReader.Refusal("node '" + node + "' reports no nodeInfo");
                    }
                    var info = found.getStatus().getNodeInfo();
                    return Platform.of(info.getOperatingSystem(), info.getArchitecture());
                }));
    }

    /** The container's last log lines; with {@code previous}, those of the instance before the last restart. Redacted. */
    public Inspection<String> logs(PodFacts pod, boolean previous) {
        String action = "read the " + (previous ? "previous instance's " : "") + "log of " + pod.where();
        return memo.once(
                "k8s:logs:" + pod.pod() + ":" + previous,
                () -> api(action, Permission.GET_POD_LOGS, requestTimeout.plus(apiTimeout), k8s -> {
                    ContainerResource container = k8s.pods()
                            .inNamespace(pod.namespace())
                            .withName(pod.pod())
                            .inContainer(pod.container());
                    String log = previous
                            ? container.terminated().tailingLines(LOG_LINES).getLog()
                            : container.tailingLines(LOG_LINES).getLog();
                    String text = log == null
                            ? ""
                            : log.length() > PodExec.MAX_OUTPUT
                                    ? log.substring(log.length() - PodExec.MAX_OUTPUT)
                                    : log;
                    return redactor.apply(text);
                }));
    }

    /** Which HTTP client the pod's image has, or empty when it has neither curl nor python3. */
    public Inspection<Optional<HttpProbe>> httpProbe(PodFacts pod) {
        return memo.once("k8s:http-client:" + pod.pod(), () -> {
            for (HttpProbe probe : HttpProbe.values()) {
                Inspection<ExecResult> version = exec(pod, probe.versionCommand(), Optional.empty(), requestTimeout);
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
     * {@code GET url} from inside the pod's container, as the AI gateway would send it (its proxy variables, the CA
     * bundle its {@code SSL_CERT_FILE} names). An Authorization value travels on the exec's standard input.
     */
    public Inspection<Exchange> get(PodFacts pod, URI url, Optional<String> authorization) {
        return memo.once("k8s:get:" + pod.pod() + ":" + url + ":" + authorization.isPresent(), () -> {
            Inspection<Optional<HttpProbe>> probe = httpProbe(pod);
            if (!probe.ok()) {
                return Inspection.problem(probe.problem());
            }
            if (probe.value().isEmpty()) {
                return Inspection.problem(
                        "the container of " + pod.where() + " has neither curl nor python3 to send a request with");
            }
            HttpProbe client = probe.value().get();
            Optional<String> caFile = pod.variable("SSL_CERT_FILE")
                    .flatMap(PodFacts.EnvVar::value)
                    .filter(f -> !f.isBlank());
            List<String> command =
                    client.commandWithAuthorizationOnStdin(url, requestTimeout, authorization.isPresent(), caFile);
            Inspection<ExecResult> run = exec(pod, command, authorization, requestTimeout.plus(EXEC_MARGIN));
            if (!run.ok()) {
                return Inspection.problem(run.problem());
            }
            if (run.value().executableMissing()) {
                return Inspection.problem(
                        "the container of " + pod.where() + " has no " + command.get(0) + " to send the request with");
            }
            String request = "GET " + url + " from inside " + pod.where() + " (" + client.executable() + ")";
            Exchange exchange =
                    HttpProbe.exchange(request, url.getHost(), run.value(), transcript(pod, request, run.value()));
            evidence.accept(exchange);
            return Inspection.of(exchange);
        });
    }

    /**
     * Runs a read-only command in the pod's container, at most once per run, and gives up at the deadline.
     * {@code stdin} is written as one line to the command's standard input: the exec API has no environment of its
     * own, and its command line is part of the request URL.
     */
    public Inspection<ExecResult> exec(PodFacts pod, List<String> command, Optional<String> stdin, Duration deadline) {
        return memo.once(
                "k8s:exec:" + pod.pod() + ":" + String.join("\u0000", command),
                () -> api(
                        "exec into " + pod.where(),
                        Permission.CREATE_POD_EXEC,
                        deadline.plus(apiTimeout),
                        k8s -> PodExec.run(k8s, pod, command, stdin, deadline)));
    }

    /** An exec's record for the report: the command as kubectl would run it, the exit code and redacted output. */
    public String transcript(PodFacts pod, String title, ExecResult result) {
        String shown = result.command().stream()
                .map(a -> a.contains("\n") ? "'<script>'" : a.contains(" ") ? "'" + a + "'" : a)
                .collect(Collectors.joining(" "));
        return redactor.apply(title + "\n$ kubectl exec -n " + pod.namespace() + " " + pod.pod() + " -c "
                + pod.container() + " -- " + shown
                + "\n--- " + (result.timedOut() ? "stopped at its deadline" : "exit code " + result.exitCode())
                + "\n" + result.output());
    }

    private interface ApiCall<T> {
        T call(KubernetesClient client) throws IOException, InterruptedException, ExecutionException;
    }

    private <T> Inspection<T> api(String action, Permission permission, ApiCall<T> call) {
        return api(action, permission, apiTimeout, call);
    }

    /** One call to the API server, ended at {@code within} whatever the server does (the run's {@link ApiDeadline}). */
    private <T> Inspection<T> api(String action, Permission permission, Duration within, ApiCall<T> call) {
        Inspection<KubernetesClient> k8s = client.get();
        if (!k8s.ok()) {
            return Inspection.problem(k8s.problem());
        }
        try {
            return Inspection.of(apiDeadline.within(within, "to " + action, () -> call.call(k8s.value())));
        } catch (ApiDeadline.RanOut ranOut) {
            return Inspection.problem(ranOut.getMessage()
                    .replace("the Kubernetes API server", "the Kubernetes API server at " + apiServer));
        } catch (PodReader.Refusal refusal) {
            return Inspection.problem(refusal.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Inspection.problem("interrupted while asking the Kubernetes API server at " + apiServer);
        } catch (Exception e) {
            return Inspection.problem(
                    KubernetesProblems.describe(e, apiServer, action, permission, kubernetes.namespace()));
        }
    }

    private void dropConnections() {
        KubernetesClient k8s = opened;
        if (k8s != null) {
            k8s.close();
        }
    }

    @Override
    public void close() {
        apiDeadline.close();
        dropConnections();
    }
}
