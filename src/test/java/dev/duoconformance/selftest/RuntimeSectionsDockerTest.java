package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import dev.duoconformance.simulator.model.ModelServerSimulator;
import dev.duoconformance.simulator.server.Certificates;
import dev.duoconformance.standin.StandInContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;
import org.testcontainers.containers.GenericContainer;

/**
 * The runtime sections against real containers on a real Docker engine: a healthy AI gateway stand-in passes every
 * runtime and console section, and each documented fault, built into a container for real, fails exactly its
 * section with its remediation while the sections downstream say "blocked by" it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(MachineRequirements.DockerEngine.class)
class RuntimeSectionsDockerTest {
    private static final Catalogue CATALOGUE = Catalogue.load(Locale.ENGLISH);
    /** The model server's key, exported to the tests by the build as {@link RuntimeDeployment#MODEL_KEY_VARIABLE}. */
    private static final String MODEL_KEY = java.util.Objects.requireNonNullElse(
            System.getenv(RuntimeDeployment.MODEL_KEY_VARIABLE), "sk-docker-canary-5e0c9a17");

    private static final Duration READY = Duration.ofSeconds(60);

    /** A documented fault, put into a real container: the section it must fail, its cause, and what it blocks. */
    enum RuntimeFault {
        CUSTOM_MODELS_DISABLED(
                "ai-gateway-env-vars",
                "custom-models-disabled",
                d -> d.env.put("AIGW_CUSTOM_MODELS__ENABLED", "false"),
                Map.of("debugging-scripts", "ai-gateway-env-vars")),
        GITLAB_URL_MISMATCH(
                "ai-gateway-env-vars",
                "gitlab-url-mismatch",
                d -> {
                    d.env.put("AIGW_GITLAB_URL", "https://gitlab.example.com/");
                    d.env.put("AIGW_GITLAB_API_URL", "https://gitlab.example.com/api/v4/");
                },
                Map.of(
                        "ai-gateway-can-reach-gitlab",
                        "ai-gateway-env-vars",
                        "debugging-scripts",
                        "ai-gateway-env-vars")),
        AUTH_BYPASSED(
                "ai-gateway-env-vars", "auth-bypassed", d -> d.env.put("AIGW_AUTH__BYPASS_EXTERNAL", "true"), Map.of()),
        IMAGE_PLATFORM_MISMATCH("image-platform-mismatch", "mismatch", d -> d.platform = "linux/arm64", Map.of()),
        LOCALHOST_ENDPOINT_ON_BRIDGE(
                "llm-server-in-container",
                "localhost-endpoint",
                d -> {
                    d.network = "bridge";
                    d.gitlabOnTheBridge = true;
                    d.gitlabBlock = false;
                },
                Map.of("model-reachable-from-ai-gateway", "llm-server-in-container")),
        METRICS_PORT_TAKEN_ON_HOST_NETWORK(
                "llm-server-in-container",
                "metrics-port-clash",
                d -> {
                    d.env.remove("AIGW_FASTAPI__METRICS_PORT");
                    d.metricsPortTaken = true;
                },
                Map.of(
                        "model-reachable-from-ai-gateway",
                        "llm-server-in-container",
                        "ai-gateway-can-reach-gitlab",
                        "llm-server-in-container",
                        "debugging-scripts",
                        "llm-server-in-container")),
        MODEL_BEHIND_A_DEAD_PROXY(
                "model-reachable-from-ai-gateway",
                "unreachable-from-container",
                d -> {
                    String proxy = "http://127.0.0.1:" + StandInContainer.freePort() + "/";
                    d.env.put("http_proxy", proxy);
                    d.env.put("HTTP_PROXY", proxy);
                    d.env.put("no_proxy", "localhost");
                },
                Map.of()),
        GITLAB_UNREACHABLE_FROM_CONTAINER(
                "ai-gateway-can-reach-gitlab",
                "unreachable",
                d -> {
                    d.gitlabBlock = false;
                    d.env.put("AIGW_GITLAB_URL", "http://127.0.0.1:" + StandInContainer.freePort() + "/");
                    d.env.remove("AIGW_GITLAB_API_URL");
                },
                Map.of("debugging-scripts", "ai-gateway-can-reach-gitlab")),
        CA_VARIABLES_MISSING(
                "ai-gateway-tls",
                "ca-variables-missing",
                d -> {
                    d.env.remove("SSL_CERT_FILE");
                    d.env.remove("REQUESTS_CA_BUNDLE");
                },
                Map.of("ai-gateway-can-reach-gitlab", "ai-gateway-tls", "debugging-scripts", "ai-gateway-tls")),
        GATEWAY_NOT_SERVING_IN_ITS_CONTAINER(
                "debugging-scripts",
                "script-reported-failure",
                d -> d.env.put("STANDIN_AIGW_SERVES", "false"),
                Map.of());

        final String section;
        final String cause;
        final Consumer<RuntimeDeployment> apply;
        final Map<String, String> blocks;

        RuntimeFault(String section, String cause, Consumer<RuntimeDeployment> apply, Map<String, String> blocks) {
            this.section = section;
            this.cause = cause;
            this.apply = apply;
            this.blocks = blocks;
        }
    }

    private String dockerHost;
    private ModelServerSimulator model;
    private GitLabOidcStandIn gitlab;
    private Path work;
    private Path caBundle;
    private Path rake;
    private final List<GenericContainer<?>> containers = new ArrayList<>();

    @BeforeAll
    void startTheStandIns() throws IOException {
        dockerHost = StandInContainer.dockerHost();
        work = Files.createTempDirectory("duo-docker-selftest");
        Certificates.Authority authority = Certificates.Authority.create("duo-conformance self-test private CA");
        caBundle = authority.writePem(work.resolve("private-ca.pem"));
        gitlab = new GitLabOidcStandIn(authority);
        model = new ModelServerSimulator(MODEL_KEY, Set.of(), Duration.ZERO);
        rake = work.resolve("fake-gitlab-rake");
        Files.writeString(rake, """
                #!/bin/sh
                # gitlab-rake on a healthy GitLab (generation B output), checking that it got the task with its user.
                [ "$1" = 'gitlab:duo:verify_self_hosted_setup[duo-user]' ] || { echo "unexpected arguments: $*"; exit 2; }
                echo "GitLab Duo Self-Hosted Setup Verification"
                echo ">> System info collected ✔"
                echo "Verifying AI Gateway URL configuration..."
                echo ">> AI Gateway URL configured: http://aigw.internal:5052 ✔"
                echo "Verifying license access to code suggestions... ✔"
                echo "Checking AI Gateway accessibility..."
                echo ">> AI Gateway server is accessible ✔"
                """);
        Files.setPosixFilePermissions(rake, PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void removeTheContainers() {
        containers.forEach(GenericContainer::close);
        containers.clear();
    }

    @AfterAll
    void stopTheStandIns() throws IOException {
        if (work == null) {
            return;
        }
        model.close();
        gitlab.close();
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void aHealthyContainerPassesEveryRuntimeAndConsoleSection() {
        SuiteRun.Results results = run("healthy", healthy());

        assertThat(results.checks())
                .extracting(CheckResult::section)
                .contains(
                        "ai-gateway-env-vars",
                        "image-platform-mismatch",
                        "llm-server-in-container",
                        "model-reachable-from-ai-gateway",
                        "ai-gateway-can-reach-gitlab",
                        "ai-gateway-tls",
                        "ai-gateway-logs",
                        "debugging-scripts",
                        "verify-gitlab-setup");
        assertThat(results.where(r -> !r.passed()))
                .as("checks that did not pass against the healthy container")
                .extracting(r -> r.section() + " " + r.test() + ": " + r.message())
                .isEmpty();
        assertNoSecretIn(results);
    }

    @Test
    void anOldImageWithTheWorkdirScriptRunsThatFormAndSaysSo() {
        RuntimeDeployment deployment = healthy();
        deployment.env.put("STANDIN_SCRIPT_FORM", "workdir-script");

        SuiteRun.Results results = run("old-image", deployment);

        assertThat(results.failures()).extracting(CheckResult::message).isEmpty();
        assertThat(results.of("debugging-scripts"))
                .singleElement()
                .satisfies(r -> assertThat(r.passed()).isTrue());
        assertThat(results.outputDirectory().resolve(dev.duoconformance.config.RunPaths.SUMMARY_FILE))
                .content()
                .contains(
                        "ran the image's workdir script, images from 2024-10-16 to 2024-10-22: poetry run python troubleshoot_selfhosted_installation.py");
    }

    @Test
    void aLocalhostEndpointIsRightWhenTheGatewaySharesTheModelContainersNetworkNamespace() {
        RuntimeDeployment sidecar = healthy();
        // Started and ready (its wait strategy) before the gateway joins its network namespace.
        String target = StandInContainer.name(start("model-sidecar", sidecar));
        RuntimeDeployment deployment = healthy();
        deployment.network = "container:" + target;

        SuiteRun.Results results = run("shared-namespace", deployment);

        assertThat(results.failures()).extracting(CheckResult::message).isEmpty();
        assertThat(results.of("llm-server-in-container"))
                .anySatisfy(r -> assertThat(r.passed()).isTrue());
        assertThat(results.outputDirectory().resolve(dev.duoconformance.config.RunPaths.SUMMARY_FILE))
                .content()
                .contains("the AI gateway shares the network namespace of container '")
                .contains("localhost there is that container");
    }

    @Test
    void anImageWithoutAnyScriptLeavesDebuggingScriptsNotChecked() {
        RuntimeDeployment deployment = healthy();
        deployment.env.put("STANDIN_SCRIPT_FORM", "none");

        SuiteRun.Results results = run("no-script", deployment);

        assertThat(results.failures()).extracting(CheckResult::message).isEmpty();
        assertThat(results.of("debugging-scripts"))
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED + "the image '")
                        .contains("has no troubleshooting script (AI gateway images before 2024-10-16 ship none"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RuntimeFault.class)
    void theFaultFailsExactlyItsSectionWithTheDocumentedRemediation(RuntimeFault fault) {
        RuntimeDeployment deployment = healthy();
        fault.apply.accept(deployment);

        SuiteRun.Results results = run(fault.name().toLowerCase(Locale.ROOT).replace('_', '-'), deployment);

        assertThat(results.failedSections()).as("sections failed by %s", fault).containsExactly(fault.section);
        String firstStep =
                CATALOGUE.section(fault.section).stepsFor(fault.cause).get(0);
        assertThat(results.failures()).allSatisfy(failure -> {
            assertThat(failure.throwable()).isInstanceOf(AssertionFailedError.class);
            assertThat(failure.message()).startsWith("[" + fault.section + "] ");
        });
        assertThat(results.failures())
                .as("a failure of %s carrying the remediation of cause %s", fault.section, fault.cause)
                .anySatisfy(failure -> assertThat(failure.message())
                        .containsPattern(Steps.shown("Try fixing it:\n  1. " + firstStep))
                        .contains("For more information see: "
                                + CATALOGUE.section(fault.section).docUrl()));
        fault.blocks.forEach((section, upstream) -> assertThat(results.of(section))
                .as("%s under %s", section, fault)
                .anySatisfy(r -> assertThat(r.message()).startsWith(Verdict.BLOCKED_BY + upstream)));
        DeclaredUpstream.assertEveryBlockIsDeclared(results);
        assertNoSecretIn(results);
    }

    @Test
    void aStoppedContainerLeavesTheSectionsThatNeedItNotCheckedWithTheReason() {
        RuntimeDeployment deployment = healthy();
        GenericContainer<?> started = start("stopped", deployment);
        started.getDockerClient()
                .stopContainerCmd(started.getContainerId())
                .withTimeout(0)
                .exec();
        await().atMost(READY).pollInterval(Duration.ofMillis(100)).until(() -> !started.isRunning());
        String container = StandInContainer.name(started);

        SuiteRun.Results results = suite("stopped", deployment, container);

        assertThat(results.failures()).isEmpty();
        assertThat(results.of("ai-gateway-can-reach-gitlab"))
                .singleElement()
                .satisfies(r -> assertThat(r.message())
                        .startsWith(Verdict.NOT_CHECKED + "the AI gateway container '" + container
                                + "' is not running (exited"));
        assertThat(results.of("ai-gateway-env-vars"))
                .as("read from the container's configuration, running or not")
                .allSatisfy(r -> assertThat(r.passed()).isTrue());
    }

    @Test
    void aContainerThatDoesNotExistLeavesTheRuntimeSectionsNotChecked() {
        SuiteRun.Results results = suite("missing", healthy(), "duo-selftest-no-such-container");

        assertThat(results.failures()).isEmpty();
        assertThat(results.of("image-platform-mismatch"))
                .singleElement()
                .satisfies(
                        r -> assertThat(r.message())
                                .isEqualTo(
                                        Verdict.NOT_CHECKED
                                                + "no container named 'duo-selftest-no-such-container' on the Docker engine at "
                                                + dockerHost
                                                + " (`docker ps -a` lists them; set ai_gateway.docker.container to the AI gateway's name or id)"));
    }

    private RuntimeDeployment healthy() {
        RuntimeDeployment d = new RuntimeDeployment();
        d.env.put("AIGW_CUSTOM_MODELS__ENABLED", "true");
        d.env.put("AIGW_GITLAB_URL", gitlab.url() + "/");
        d.env.put("AIGW_GITLAB_API_URL", gitlab.url() + "/api/v4/");
        d.env.put("AIGW_FASTAPI__API_PORT", Integer.toString(StandInContainer.freePort()));
        d.env.put("AIGW_FASTAPI__METRICS_PORT", Integer.toString(StandInContainer.freePort()));
        d.env.put("AIGW_LOGGING__LEVEL", "INFO");
        d.env.put("AIGW_MODEL_KEYS__MISTRAL_API_KEY", "sk-container-canary-0b41");
        d.env.put("SSL_CERT_FILE", StandInContainer.CA_IN_CONTAINER);
        d.env.put("REQUESTS_CA_BUNDLE", StandInContainer.CA_IN_CONTAINER);
        d.caMount = caBundle;
        d.gitlabUrl = gitlab.url().toString();
        d.consoleCommand = rake.toString();
        d.modelEndpoint = model.url() + "/v1";
        d.caBundle = caBundle;
        return d;
    }

    /** Starts the deployment's container (Testcontainers waits until it serves, or has stopped for a port clash) and runs the suite on it. */
    private SuiteRun.Results run(String purpose, RuntimeDeployment deployment) {
        if (deployment.gitlabOnTheBridge) {
            GenericContainer<?> gitlabContainer = StandInContainer.gitlabOnTheBridge();
            containers.add(gitlabContainer);
            gitlabContainer.start();
            String ip = StandInContainer.bridgeAddress(gitlabContainer);
            deployment.env.put("AIGW_GITLAB_URL", "http://" + ip + "/");
            deployment.env.put("AIGW_GITLAB_API_URL", "http://" + ip + "/api/v4/");
        }
        GenericContainer<?> container;
        if (deployment.metricsPortTaken) {
            try (ServerSocket taken = holdMetricsPort()) {
                container = start(purpose, deployment);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            container = start(purpose, deployment);
        }
        return suite(purpose, deployment, StandInContainer.name(container));
    }

    private GenericContainer<?> start(String purpose, RuntimeDeployment deployment) {
        GenericContainer<?> container = deployment.container(purpose);
        containers.add(container);
        container.start();
        return container;
    }

    private SuiteRun.Results suite(String purpose, RuntimeDeployment deployment, String container) {
        try {
            Path environments =
                    Files.createDirectories(work.resolve("environments-" + purpose + "-" + System.nanoTime()));
            deployment.writeEnvironment(environments, purpose, dockerHost, container);
            return SuiteRun.environment(environments, purpose)
                    .only("runtime", "console")
                    .with("scripts", "true")
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Port 8082 held on the host, as another process holds it; if something else already holds it, the fault is there anyway. */
    private static ServerSocket holdMetricsPort() throws IOException {
        try {
            return new ServerSocket(8082, 50, InetAddress.getLoopbackAddress());
        } catch (java.net.BindException alreadyTaken) {
            return new ServerSocket();
        }
    }

    private static void assertNoSecretIn(SuiteRun.Results results) {
        assertThat(results.checks())
                .extracting(CheckResult::message)
                .noneMatch(m -> m.contains(MODEL_KEY) || m.contains("sk-container-canary-0b41"));
    }
}
