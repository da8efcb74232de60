package dev.duoconformance.simulator.kubernetes;

import dev.duoconformance.runtime.kubernetes.Permission;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes API server for the self-tests: fabric8's mock server in CRUD mode holds the pods, nodes, ConfigMaps and
 * Secrets (as the API stores and lists them, label selectors included); expectations answer the pods' logs, as
 * {@code GET …/pods/<pod>/log} does; exec upgrades to a WebSocket speaking the {@code v4.channel.k8s.io} framing (one
 * byte of channel, then data; the exit on channel 3 as a {@code Status}) and runs the command in the pod's
 * {@link SimulatedContainer}. RBAC is simulated per permission: a forbidden request gets the API server's 403
 * {@code Status}. Every request made with the suite's token is recorded, so a test can prove what the suite never does.
 */
public final class SimulatedCluster implements AutoCloseable {
    public static final String TOKEN = "duo-selftest-sa-token";
    public static final String USER = "system:serviceaccount:duo-ci:duo-conformance";
    private static final Pattern POD_PATH =
            Pattern.compile("/api/v1/namespaces/([^/]+)/pods(?:/([^/?]+)(?:/(log|exec))?)?(?:\\?(.*))?");
    private static final Pattern CONFIGMAP_PATH = Pattern.compile("/api/v1/namespaces/([^/]+)/configmaps/([^/?]+).*");
    private static final Pattern NODE_PATH = Pattern.compile("/api/v1/nodes/([^/?]+).*");

    /** A request the suite sent: its method, path and query. */
    public record Request(String method, String path) {}

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient admin;
    private final Map<String, SimulatedContainer> containers = new ConcurrentHashMap<>();
    private final Set<Permission> forbidden = EnumSet.noneOf(Permission.class);
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Set<String> logsGiven = ConcurrentHashMap.newKeySet();

    public SimulatedCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crudAndExpectations = new KubernetesMixedDispatcher(responses);
        Dispatcher dispatcher = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return SimulatedCluster.this.dispatch(request, crudAndExpectations);
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        admin = server.createClient();
    }

    /** The API server's URL, as a kubeconfig names it. */
    public String url() {
        return "http://127.0.0.1:" + server.getPort();
    }

    /** A kubeconfig for the suite's service account, with one context, {@code selftest}. */
    public Path writeKubeconfig(Path file, String namespace) {
        try {
            Files.writeString(file, """
                    apiVersion: v1
                    kind: Config
                    clusters:
                      - name: selftest
                        cluster: {server: "%s"}
                    users:
                      - name: duo-conformance
                        user: {token: "%s"}
                    contexts:
                      - name: selftest
                        context: {cluster: selftest, user: duo-conformance, namespace: %s}
                    current-context: selftest
                    """.formatted(url(), TOKEN, namespace));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // Setup writes go through the test's own admin client, whose retries under a busy machine may repeat a create: so
    // create-or-update.

    /** Adds a pod with its status (as the kubelet reports it) and the container its exec commands run in. */
    public void add(Pod pod, SimulatedContainer container) {
        Pod created = admin.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .resource(pod)
                .createOr(NonDeletingOperation::update);
        if (pod.getStatus() != null && created.getStatus() == null) {
            admin.pods()
                    .inNamespace(pod.getMetadata().getNamespace())
                    .resource(pod)
                    .updateStatus();
        }
        containers.put(pod.getMetadata().getName(), container);
    }

    public void add(Node node) {
        admin.nodes().resource(node).createOr(NonDeletingOperation::update);
    }

    public void add(ConfigMap map) {
        admin.configMaps()
                .inNamespace(map.getMetadata().getNamespace())
                .resource(map)
                .createOr(NonDeletingOperation::update);
    }

    public void add(Secret secret) {
        admin.secrets()
                .inNamespace(secret.getMetadata().getNamespace())
                .resource(secret)
                .createOr(NonDeletingOperation::update);
    }

    /** The container's log as {@code GET …/log?tailLines=N} answers it; {@code previous}: the instance before the last restart. */
    public void logs(String namespace, String pod, String container, boolean previous, String text) {
        server.expect()
                .get()
                .withPath("/api/v1/namespaces/" + namespace + "/pods/" + pod + "/log?pretty=false&container="
                        + container + (previous ? "&previous=true" : "") + "&tailLines=200")
                .andReturn(200, text)
                .always();
        logsGiven.add(pod + (previous ? "#previous" : ""));
    }

    /** Removes a permission from the suite's account: the API server answers 403 Forbidden. */
    public void forbid(Permission permission) {
        forbidden.add(permission);
    }

    /** What the suite asked, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    private MockResponse dispatch(RecordedRequest request, Dispatcher crudAndExpectations) {
        String path = request.getPath();
        boolean suite = ("Bearer " + TOKEN).equals(request.getHeader("Authorization"));
        if (!suite) {
            return crudAndExpectations.dispatch(request);
        }
        requests.add(new Request(request.getMethod(), path));
        Optional<Forbidden> refusal = permissionOf(request).filter(p -> forbidden.contains(p.permission()));
        if (refusal.isPresent()) {
            return status(403, "Forbidden", refusal.get().message());
        }
        Matcher pod = POD_PATH.matcher(path);
        if (pod.matches() && "exec".equals(pod.group(3))) {
            return exec(pod.group(2), query(pod.group(4)));
        }
        if (pod.matches() && "log".equals(pod.group(3))) {
            boolean previous = query(pod.group(4)).containsKey("previous");
            if (!logsGiven.contains(pod.group(2) + (previous ? "#previous" : ""))) {
                return previous
                        ? status(
                                400,
                                "BadRequest",
                                "previous terminated container \""
                                        + query(pod.group(4)).get("container").get(0) + "\" in pod \"" + pod.group(2)
                                        + "\" not found")
                        : new MockResponse().setResponseCode(200).setBody("");
            }
        }
        return crudAndExpectations.dispatch(request);
    }

    private record Forbidden(Permission permission, String message) {}

    /** The permission RBAC checks for this request, and the API server's wording of its refusal. */
    private static Optional<Forbidden> permissionOf(RecordedRequest request) {
        String path = request.getPath();
        Matcher pod = POD_PATH.matcher(path);
        if (pod.matches()) {
            String namespace = " in API group \"\" in the namespace \"" + pod.group(1) + "\"";
            if (pod.group(2) == null) {
                return Optional.of(new Forbidden(
                        Permission.LIST_PODS,
                        "pods is forbidden: User \"" + USER + "\" cannot list resource \"pods\"" + namespace));
            }
            String subject = "pods \"" + pod.group(2) + "\" is forbidden: User \"" + USER + "\" cannot ";
            if ("exec".equals(pod.group(3))) {
                return Optional.of(new Forbidden(
                        Permission.CREATE_POD_EXEC, subject + "create resource \"pods/exec\"" + namespace));
            }
            if ("log".equals(pod.group(3))) {
                return Optional.of(
                        new Forbidden(Permission.GET_POD_LOGS, subject + "get resource \"pods/log\"" + namespace));
            }
            return Optional.of(new Forbidden(Permission.GET_PODS, subject + "get resource \"pods\"" + namespace));
        }
        Matcher map = CONFIGMAP_PATH.matcher(path);
        if (map.matches()) {
            return Optional.of(new Forbidden(
                    Permission.GET_CONFIGMAPS,
                    "configmaps \"" + map.group(2) + "\" is forbidden: User \"" + USER
                            + "\" cannot get resource \"configmaps\" in API group \"\" in the namespace \""
                            + map.group(1) + "\""));
        }
        Matcher node = NODE_PATH.matcher(path);
        if (node.matches()) {
            return Optional.of(new Forbidden(
                    Permission.GET_NODES,
                    "nodes \"" + node.group(1) + "\" is forbidden: User \"" + USER
                            + "\" cannot get resource \"nodes\" in API group \"\" at the cluster scope"));
        }
        return Optional.empty();
    }

    /** The API server's {@code Status} body for an error, as {@code kubectl get --raw} shows it. */
    private static MockResponse status(int code, String reason, String message) {
        String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":"
                + json(message) + ",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
        return new MockResponse()
                .setResponseCode(code)
                .setHeader("Content-Type", "application/json")
                .setBody(body);
    }

    private MockResponse exec(String pod, Map<String, List<String>> query) {
        SimulatedContainer container = containers.get(pod);
        if (container == null) {
            return status(404, "NotFound", "pods \"" + pod + "\" not found");
        }
        List<String> command = query.getOrDefault("command", List.of());
        boolean stdin = query.getOrDefault("stdin", List.of("false")).contains("true");
        return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
            private final StringBuilder input = new StringBuilder();
            private boolean done;

            @Override
            public void onOpen(WebSocket socket, io.fabric8.mockwebserver.http.Response response) {
                if (!stdin) {
                    finish(socket, container.run(command, Optional.empty()));
                }
            }

            @Override
            public void onMessage(WebSocket socket, io.fabric8.mockwebserver.http.ByteString bytes) {
                onMessage(socket, bytes.toByteArray());
            }

            @Override
            public synchronized void onMessage(WebSocket socket, byte[] bytes) {
                if (done || bytes.length == 0 || bytes[0] != 0) {
                    return; // only channel 0 (stdin) carries data to the container
                }
                input.append(new String(bytes, 1, bytes.length - 1, StandardCharsets.UTF_8));
                int newline = input.indexOf("\n");
                if (newline >= 0) {
                    done = true;
                    finish(socket, container.run(command, Optional.of(input.substring(0, newline))));
                }
            }
        });
    }

    /** Channels 1 and 2 carry the output, channel 3 the exit as the kubelet reports it; then the stream closes. */
    private static void finish(WebSocket socket, SimulatedContainer.Outcome outcome) {
        send(socket, 1, outcome.stdout());
        send(socket, 2, outcome.stderr());
        String status;
        if (outcome.startError() != null) {
            status = "{\"metadata\":{},\"status\":\"Failure\",\"message\":"
                    + json("Internal error occurred: error executing command in container: "
                            + "failed to exec in container: failed to start exec: " + outcome.startError())
                    + ",\"reason\":\"InternalError\",\"details\":{\"causes\":[{\"message\":"
                    + json(outcome.startError()) + "}]},\"code\":500}";
        } else if (outcome.exitCode() == 0) {
            status = "{\"metadata\":{},\"status\":\"Success\"}";
        } else {
            status =
                    "{\"metadata\":{},\"status\":\"Failure\",\"message\":\"command terminated with non-zero exit code: error executing command, "
                            + "exit code " + outcome.exitCode()
                            + "\",\"reason\":\"NonZeroExitCode\",\"details\":{\"causes\":[{\"reason\":\"ExitCode\","
                            + "\"message\":\"" + outcome.exitCode() + "\"}]}}";
        }
        send(socket, 3, status);
        socket.close(1000, "");
    }

    private static void send(WebSocket socket, int channel, String text) {
        if (text.isEmpty()) {
            return;
        }
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[data.length + 1];
        frame[0] = (byte) channel;
        System.arraycopy(data, 0, frame, 1, data.length);
        socket.send(frame);
    }

    private static Map<String, List<String>> query(String query) {
        Map<String, List<String>> values = new HashMap<>();
        if (query == null) {
            return values;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    @Override
    public void close() {
        admin.close();
        server.destroy();
    }
}
