package dev.duoconformance.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads {@code ai_gateway.kubernetes}: names as Kubernetes spells them, exactly one of {@code selector} and
 * {@code pod}, a kubeconfig that exists and holds the context, or a runner inside a pod when there is no kubeconfig.
 */
final class KubernetesBlock {
    private static final String KEY = "ai_gateway.kubernetes";
    private static final long MAX_KUBECONFIG_BYTES = 1024 * 1024;
    /** RFC 1123 label: namespaces and container names. */
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    /** RFC 1123 subdomain: pod names. */
    private static final Pattern SUBDOMAIN =
            Pattern.compile("(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private static final String LABEL_KEY =
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    private static final String LABEL_VALUE = "([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?";
    /** One requirement of a label selector, as {@code kubectl get pods -l} takes it. */
    private static final Pattern REQUIREMENT = Pattern.compile(
            "\\s*(!?" + LABEL_KEY + "|" + LABEL_KEY + "\\s*(=|==|!=)\\s*" + LABEL_VALUE + "|" + LABEL_KEY
                    + "\\s+(in|notin)\\s+\\(\\s*" + LABEL_VALUE + "(\\s*,\\s*" + LABEL_VALUE + ")*\\s*\\))\\s*");

    private final String where;
    private final Function<String, String> processEnvironment;

    KubernetesBlock(String where, Function<String, String> processEnvironment) {
        this.where = where;
        this.processEnvironment = processEnvironment;
    }

    Environment.Kubernetes read(JsonNode node) {
        Optional<String> kubeconfigValue = text(node, "kubeconfig");
        Optional<String> context = text(node, "context");
        Optional<Path> kubeconfig =
                kubeconfigValue.map(v -> Interpolation.standsIn(v) ? Path.of(v) : readableKubeconfig(v));
        if (kubeconfig.isEmpty()) {
            if (context.isPresent()) {
                throw problem(KEY + ".context needs " + KEY + ".kubeconfig, the file that holds that context "
                        + "(for example kubeconfig: ${KUBECONFIG:-/home/me/.kube/config}).");
            }
            if (blank(processEnvironment.apply("KUBERNETES_SERVICE_HOST"))) {
                throw problem(KEY
                        + " has no kubeconfig, so the suite would use the service account of the pod it runs in, but "
                        + "KUBERNETES_SERVICE_HOST is not set: this runner is not inside a pod. Set " + KEY
                        + ".kubeconfig to a "
                        + "kubeconfig file (and context to one of its contexts).");
            }
        } else if (!Interpolation.standsIn(kubeconfigValue.get())) {
            checkContext(kubeconfigValue.get(), kubeconfig.get(), context);
        }
        String namespace = text(node, "namespace")
                .orElseThrow(() -> problem(KEY + ".namespace is required: the namespace of the "
                        + "AI gateway's pods (`kubectl get pods -A -l app.kubernetes.io/name=ai-gateway` shows it)."));
        name("namespace", namespace, LABEL, "a namespace name (lower-case letters, digits and '-', at most 63)");
        Optional<String> selector = text(node, "selector");
        Optional<String> pod = text(node, "pod");
        if (selector.isPresent() == pod.isPresent()) {
            throw problem(KEY
                    + " needs exactly one of selector (a label selector that matches every replica of the AI gateway, "
                    + "for example app.kubernetes.io/name=ai-gateway) and pod (one pod's name)"
                    + (selector.isPresent() ? "; it has both." : "; it has neither."));
        }
        selector.ifPresent(this::checkSelector);
        pod.ifPresent(p -> name("pod", p, SUBDOMAIN, "a pod name (lower-case letters, digits, '-' and '.')"));
        Optional<String> container = text(node, "container");
        container.ifPresent(
                c -> name("container", c, LABEL, "a container name (lower-case letters, digits and '-', at most 63)"));
        return new Environment.Kubernetes(kubeconfig, context, namespace, selector, pod, container);
    }

    private Path readableKubeconfig(String value) {
        Path path = Path.of(value);
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw problem(KEY + ".kubeconfig '" + value + "' is not a readable file. Point it at a kubeconfig "
                    + "(one file; KUBECONFIG's colon-separated lists are not read), or remove the key when the suite runs in a pod "
                    + "with its own service account.");
        }
        return path;
    }

    /** The context must be in the file, or the file must name a current one: the same check kubectl makes first. */
    private void checkContext(String value, Path kubeconfig, Optional<String> context) {
        JsonNode tree;
        try {
            if (Files.size(kubeconfig) > MAX_KUBECONFIG_BYTES) {
                throw problem(
                        KEY + ".kubeconfig '" + value + "' is larger than 1 MiB; a kubeconfig is a few kilobytes.");
            }
            tree = new YAMLMapper().readTree(kubeconfig.toFile());
        } catch (IOException e) {
            throw problem(KEY + ".kubeconfig '" + value + "' is not a YAML kubeconfig ("
                    + e.getClass().getSimpleName() + ").");
        }
        List<String> contexts = new ArrayList<>();
        if (tree != null) {
            tree.path("contexts").forEach(c -> contexts.add(c.path("name").asText("")));
        }
        if (contexts.isEmpty()) {
            throw problem(
                    KEY + ".kubeconfig '" + value + "' defines no context; `kubectl config get-contexts --kubeconfig "
                            + value + "` should list the cluster's.");
        }
        if (context.isEmpty()) {
            String current = tree.path("current-context").asText("");
            if (!contexts.contains(current)) {
                throw problem(KEY + ".kubeconfig '" + value + "' has no current-context. Set " + KEY
                        + ".context to one of: " + String.join(", ", contexts) + ".");
            }
            return;
        }
        if (!contexts.contains(context.get())) {
            throw problem(KEY + ".context '" + context.get() + "' is not in " + value + ". Did you mean '"
                    + Keys.closest(contexts, context.get()) + "'? Its contexts: " + String.join(", ", contexts) + ".");
        }
    }

    private void checkSelector(String selector) {
        for (String requirement : selector.split(",(?![^()]*\\))", -1)) {
            if (!REQUIREMENT.matcher(requirement).matches()) {
                throw problem(
                        KEY + ".selector '" + selector + "' is not a label selector ('" + requirement.strip()
                                + "'). Write it as "
                                + "kubectl -l takes it, for example app.kubernetes.io/name=ai-gateway,app.kubernetes.io/instance=gitlab.");
            }
        }
    }

    private void name(String key, String value, Pattern pattern, String what) {
        if (!pattern.matcher(value).matches()) {
            throw problem(KEY + "." + key + " '" + value + "' is not " + what + ".");
        }
    }

    private Optional<String> text(JsonNode node, String key) {
        JsonNode value = node.path(key);
        if (value.isMissingNode()
                || value.isNull()
                || (value.isTextual() && value.asText().isBlank())) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw problem(KEY + "." + key + " must be a single value.");
        }
        return Optional.of(value.asText().strip());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private ConfigurationException problem(String message) {
        return new ConfigurationException(where + ": " + message);
    }
}
