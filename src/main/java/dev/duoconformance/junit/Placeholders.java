package dev.duoconformance.junit;

import dev.duoconformance.config.Environment;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The values the environment knows for the placeholders of the catalogue's steps, so the fix commands a person copies
 * name this deployment ({@code curl http://vllm:8000/v1/models}, not {@code curl {endpoint}/models}). Only what the
 * environment file says: never a secret, never what a component answered.
 */
final class Placeholders {
    private Placeholders() {}

    /** The run's: GitLab's URL and domain, the environment file, the AI gateway's URL, host and container or namespace. */
    static Map<String, String> ofRun(Environment environment, String environmentFile) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("environment-file", environmentFile);
        environment.gitlab().ifPresent(g -> {
            values.put("gitlab-url", withoutTrailingSlash(g.url()));
            values.put("gitlab-domain", authority(g.url()));
        });
        environment.aiGateway().ifPresent(a -> {
            values.put("aigw-url", withoutTrailingSlash(a.expectedUrl()));
            values.put("aigw-host", a.expectedUrl().getHost());
            a.docker().ifPresent(d -> values.put("ai-gateway-container", d.container()));
            a.kubernetes().ifPresent(k -> {
                values.put("namespace", k.namespace());
                k.container().ifPresent(c -> values.put("container", c));
            });
        });
        return values;
    }

    /** A per-model check's: its name, family, identifier, endpoint and the endpoint's host and port. */
    static Map<String, String> ofModel(Environment.Model model) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("name", model.name());
        values.put("family", model.family());
        model.identifier().ifPresent(id -> values.put("identifier", id));
        model.endpoint().ifPresent(endpoint -> {
            values.put("endpoint", withoutTrailingSlash(endpoint));
            values.put("host", endpoint.getHost());
            values.put(
                    "port",
                    String.valueOf(
                            endpoint.getPort() != -1
                                    ? endpoint.getPort()
                                    : "https".equals(endpoint.getScheme()) ? 443 : 80));
        });
        return values;
    }

    private static String withoutTrailingSlash(URI url) {
        return url.toString().replaceAll("/+$", "");
    }

    private static String authority(URI url) {
        return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }
}
