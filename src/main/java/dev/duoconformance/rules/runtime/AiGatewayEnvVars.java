package dev.duoconformance.rules.runtime;

import static dev.duoconformance.rules.runtime.ContainerReads.isTrue;
import static dev.duoconformance.rules.runtime.ContainerReads.parse;
import static dev.duoconformance.rules.runtime.ContainerReads.same;
import static dev.duoconformance.rules.runtime.ContainerReads.variable;
import static dev.duoconformance.rules.runtime.ContainerReads.withSlash;

import dev.duoconformance.config.Environment;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.EachInstance;
import dev.duoconformance.rules.Evidence;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.rules.Unknowable;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.GatewayInstance;
import dev.duoconformance.runtime.Inspection;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Section ai-gateway-env-vars, in every instance of the AI gateway: {@code AIGW_CUSTOM_MODELS__ENABLED} is true,
 * {@code AIGW_GITLAB_URL} and {@code AIGW_GITLAB_API_URL} name this GitLab, and authentication is not bypassed
 * ({@code AIGW_AUTH__BYPASS_EXTERNAL}) unless the run expects the troubleshooting bypass.
 */
public final class AiGatewayEnvVars {
    public static final Check<AiGatewayEnvVars> CUSTOM_MODELS_ENABLED = Check.<AiGatewayEnvVars>of(
                    "customModelsAreEnabled",
                    "AIGW_CUSTOM_MODELS__ENABLED is true in the AI gateway container",
                    Gate.from(Gate.Vantage.RUNTIME),
                    AiGatewayEnvVars::customModelsEnabled)
            .showing(AiGatewayEnvVars::attachEnvironments);
    public static final Check<AiGatewayEnvVars> GITLAB_URLS = Check.<AiGatewayEnvVars>of(
                    "gitlabUrlsPointToThisInstance",
                    "AIGW_GITLAB_URL and AIGW_GITLAB_API_URL point to this GitLab instance",
                    Gate.from(Gate.Vantage.RUNTIME),
                    AiGatewayEnvVars::gitlabUrls)
            .showing(AiGatewayEnvVars::attachEnvironments);
    public static final Check<AiGatewayEnvVars> AUTHENTICATION_NOT_BYPASSED = Check.<AiGatewayEnvVars>of(
                    "authenticationIsNotBypassed",
                    "Authentication is not bypassed (AIGW_AUTH__BYPASS_EXTERNAL) unless the environment expects the troubleshooting bypass",
                    Gate.from(Gate.Vantage.RUNTIME),
                    AiGatewayEnvVars::authenticationNotBypassed)
            .showing(AiGatewayEnvVars::attachEnvironments);
    public static final Declaration<AiGatewayEnvVars> SECTION = Declaration.of(
                    Sections.AIGW_ENV_VARS, AiGatewayEnvVars::new)
            .checks(CUSTOM_MODELS_ENABLED, GITLAB_URLS, AUTHENTICATION_NOT_BYPASSED);

    private final EachInstance each;
    private final Environment environment;

    private AiGatewayEnvVars(Probes probes) {
        this.each = probes.instances().orElseThrow();
        this.environment = probes.environment();
    }

    /** The variables this section reads, of every instance (secret-looking values masked), for the report. */
    private List<Attachment> environments() {
        Inspection<List<GatewayInstance>> instances = each.instances();
        return !instances.ok()
                ? List.of()
                : instances.value().stream()
                        .map(instance -> new Attachment(
                                "environment of " + instance.where() + " (AIGW_*, proxies, CA bundles; secrets masked)",
                                instance.describe(name -> name.startsWith("AIGW_")
                                        || name.matches("(?i).*_proxy")
                                        || name.equals("SSL_CERT_FILE")
                                        || name.equals("REQUESTS_CA_BUNDLE"))))
                        .toList();
    }

    /** Every check of the section attaches the variables it reads to its result. */
    private void attachEnvironments(Evidence shown) {
        environments().forEach(e -> shown.attach(e.name(), e.content()));
    }

    private Condition customModelsEnabled() {
        return each.judge(this::customModelsEnabled);
    }

    public Condition customModelsEnabled(GatewayInstance instance) {
        return each.once("customModels", instance, () -> {
            Optional<String> value = variable(instance, "AIGW_CUSTOM_MODELS__ENABLED");
            if (isTrue(value)) {
                return Condition.holds();
            }
            if (value.isEmpty() && !instance.environmentIncludesImageDefaults()) {
                // The self-hosted image sets ENV AIGW_CUSTOM_MODELS__ENABLED=true (ai-gateway
                // docker/self_hosted/Dockerfile), which a
                // pod spec does not show: the running container's environment says (printenv exits 1 when the variable
                // is unset).
                ExecResult printed = instance.exec(
                                List.of("printenv", "AIGW_CUSTOM_MODELS__ENABLED"), java.time.Duration.ofSeconds(10))
                        .orElseThrow(Unknowable::new);
                if (printed.succeeded()) {
                    value = Optional.of(printed.stdout().strip());
                    if (isTrue(value)) {
                        return Condition.holdsBecause("AIGW_CUSTOM_MODELS__ENABLED=" + value.get()
                                + " in the running container of " + instance.where()
                                + " (not in the pod spec: from the image's own environment)");
                    }
                } else if (printed.timedOut()
                        || printed.exitCode() != 1
                        || !printed.stdout().isBlank()) {
                    throw new Unknowable(
                            "AIGW_CUSTOM_MODELS__ENABLED is not in the pod spec of " + instance.where() + ", and `"
                                    + instance.shell(printed.command())
                                    + "` could not read the running container's environment ("
                                    + (printed.timedOut()
                                            ? "timed out"
                                            : "exit code " + printed.exitCode() + ": "
                                                    + printed.output().strip())
                                    + ")");
                }
            }
            return Condition.broken(each.failure(
                    "custom-models-disabled",
                    "AIGW_CUSTOM_MODELS__ENABLED in the environment of " + instance.where(),
                    "AIGW_CUSTOM_MODELS__ENABLED=true",
                    value.map(v -> "AIGW_CUSTOM_MODELS__ENABLED=" + v)
                                    .orElse(
                                            instance.environmentIncludesImageDefaults()
                                                    ? "not set (the AI gateway then defaults to false)"
                                                    : "not set in the pod spec nor in the running container's environment (the image sets no default; the AI gateway then defaults to false)")
                            + ": the AI gateway refuses self-hosted model endpoints"));
        });
    }

    private Condition gitlabUrls() {
        return each.judge(this::gitlabUrls);
    }

    /** {@code AIGW_GITLAB_URL} and {@code AIGW_GITLAB_API_URL} name this GitLab (gitlab.url, or the container's own URL when the file has none). */
    public Condition gitlabUrls(GatewayInstance instance) {
        return each.once("gitlabUrls", instance, () -> {
            Optional<String> url = variable(instance, "AIGW_GITLAB_URL").filter(v -> !v.isBlank());
            Optional<URI> expected = environment.gitlab().map(Environment.GitLab::url);
            String checked = "AIGW_GITLAB_URL and AIGW_GITLAB_API_URL in the environment of " + instance.where();
            String expectation = expected.map(u -> "AIGW_GITLAB_URL=" + withSlash(u)
                            + " and, when set, AIGW_GITLAB_API_URL=" + withSlash(u) + "api/v4/ (gitlab.url)")
                    .orElse(
                            "AIGW_GITLAB_URL set to this GitLab's URL and, when set, AIGW_GITLAB_API_URL to the same URL with /api/v4/");
            if (url.isEmpty()) {
                return mismatch(
                        checked,
                        expectation,
                        "AIGW_GITLAB_URL is not set: the AI gateway then validates tokens against https://gitlab.com");
            }
            Optional<URI> actual = parse(url.get());
            if (actual.isEmpty()
                    || !Set.of("http", "https")
                            .contains(String.valueOf(actual.get().getScheme()).toLowerCase(Locale.ROOT))) {
                return mismatch(checked, expectation, "AIGW_GITLAB_URL=" + url.get() + " is not an http(s) URL");
            }
            if (expected.isPresent() && !same(actual.get(), expected.get())) {
                return mismatch(checked, expectation, "AIGW_GITLAB_URL=" + url.get());
            }
            URI base = expected.orElse(actual.get());
            Optional<String> api = variable(instance, "AIGW_GITLAB_API_URL").filter(v -> !v.isBlank());
            if (api.isPresent()
                    && !parse(api.get())
                            .map(a -> same(a, URI.create(withSlash(base) + "api/v4/")))
                            .orElse(false)) {
                return mismatch(checked, expectation, "AIGW_GITLAB_API_URL=" + api.get());
            }
            return expected.isPresent()
                    ? Condition.holds()
                    : Condition.holdsBecause("no gitlab block in the environment file: AIGW_GITLAB_URL=" + url.get()
                            + " of " + instance.where() + " was checked for form only");
        });
    }

    private Condition mismatch(String checked, String expected, String butWas) {
        return Condition.broken(each.failure("gitlab-url-mismatch", checked, expected, butWas));
    }

    private Condition authenticationNotBypassed() {
        return each.judge(instance -> {
            boolean expected = environment
                    .aiGateway()
                    .map(Environment.AiGateway::authBypassExpected)
                    .orElse(false);
            Optional<String> value = variable(instance, "AIGW_AUTH__BYPASS_EXTERNAL");
            if (expected || !isTrue(value)) {
                return Condition.holds();
            }
            return Condition.broken(each.failure(
                    "auth-bypassed",
                    "AIGW_AUTH__BYPASS_EXTERNAL in the environment of " + instance.where(),
                    "not set or false: the newer doc forbids bypassing authentication in production "
                            + "(the seed doc asked for true only while troubleshooting; set ai_gateway.auth_bypass_expected: true for such a run)",
                    "AIGW_AUTH__BYPASS_EXTERNAL=" + value.orElse("")
                            + ": the AI gateway accepts requests without a GitLab token"));
        });
    }
}
