package dev.duoconformance.junit;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.FailureRenderer;
import dev.duoconformance.config.ConfigurationException;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.EnvironmentLoader;
import dev.duoconformance.config.Language;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.config.Secret;
import dev.duoconformance.config.SimulatedDeployment;
import dev.duoconformance.console.GitLabConsole;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.Endpoint;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.Memo;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.Redactor;
import dev.duoconformance.http.RequestSpecs;
import dev.duoconformance.http.Silence;
import dev.duoconformance.http.TlsInspector;
import dev.duoconformance.http.Transport;
import dev.duoconformance.http.TrustMaterial;
import dev.duoconformance.report.RunReport;
import dev.duoconformance.rules.Deployment;
import dev.duoconformance.rules.Gates;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.runtime.DockerGateway;
import dev.duoconformance.runtime.GatewayRuntime;
import dev.duoconformance.runtime.RuntimeInspector;
import dev.duoconformance.runtime.kubernetes.KubernetesGateway;
import dev.duoconformance.runtime.kubernetes.KubernetesInspector;
import dev.duoconformance.sections.AllSections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Everything one run shares: the environment (loaded once), the catalogue, the clients with their memoized probes,
 * and the report written when the run ends. Lives in the root {@link ExtensionContext.Store}, so each run — a Maven
 * run or a self-test's embedded run — has its own.
 */
public final class ConformanceRun implements AutoCloseable {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ConformanceRun.class);
    private static final Duration DEFAULT_CONSOLE_DEADLINE = Duration.ofMinutes(3);

    private final EnvironmentLoader.Loaded loaded;
    private final Catalogue catalogue;
    private final Redactor redactor;
    private final FailureRenderer renderer;
    private final Transport transport;
    private final Deployment deployment;
    private final Rules rules;
    private final RunReport report;
    private final RunPaths paths;
    private final Map<String, String> placeholders;

    /** The run's switches besides the environment: opt-ins ({@code -Dscripts=true}) and the console command's deadline. */
    record Options(Function<String, Optional<String>> parameters) {
        boolean optedIn(String parameter) {
            return parameters
                    .apply(parameter)
                    .map(v -> v.isBlank() || Boolean.parseBoolean(v))
                    .orElse(false);
        }

        Duration consoleDeadline() {
            return parameters
                    .apply("duo.console.timeout.seconds")
                    .map(Long::parseLong)
                    .map(Duration::ofSeconds)
                    .orElse(DEFAULT_CONSOLE_DEADLINE);
        }
    }

    private ConformanceRun(
            EnvironmentLoader.Loaded loaded,
            Catalogue catalogue,
            RunPaths paths,
            boolean printSummary,
            Options options) {
        this.paths = paths;
        this.loaded = loaded;
        this.catalogue = catalogue;
        Environment environment = loaded.environment();
        this.redactor = new Redactor(environment.secrets());
        this.renderer = new FailureRenderer(catalogue, redactor);
        this.placeholders = Placeholders.ofRun(environment, paths.environmentFileShown());
        Environment.Http http = environment.http();
        TrustMaterial trust = TrustMaterial.of(http.caBundle());
        RequestSpecs specs = new RequestSpecs(http, trust);
        Silence silence = new Silence();
        this.transport = new Transport(http.connectTimeout(), http.requestTimeout(), redactor, silence);
        TlsInspector tls =
                new TlsInspector(trust, http.connectTimeout().plus(http.requestTimeout()), http.proxies(), silence);
        Memo memo = new Memo();
        Consumer<Exchange> evidence = exchange -> Verdict.attach(exchange.request(), exchange.transcript(), redactor);
        Optional<AiGatewayClient> aiGateway = environment
                .aiGateway()
                .flatMap(Environment.AiGateway::reachableUrl)
                .map(url -> new AiGatewayClient(specs.aiGateway(url), transport, memo, evidence));
        ModelServerClient modelServers = new ModelServerClient(specs::model, transport, memo, evidence);
        Optional<GitLabClient> gitlab = environment.gitlab().map(g -> {
            Map<GitLabClient.Identity, Endpoint> identities = new EnumMap<>(GitLabClient.Identity.class);
            if (g.adminToken().isPresent()) {
                identities.put(GitLabClient.Identity.ADMIN, specs.gitlab(g.url(), g.adminToken()));
            }
            if (g.userToken().isPresent()) {
                identities.put(GitLabClient.Identity.USER, specs.gitlab(g.url(), g.userToken()));
            }
            return new GitLabClient(identities, specs.gitlab(g.url(), Secret.none()), transport, memo, evidence);
        });
        Optional<GatewayRuntime> runtime = environment
                .aiGateway()
                .flatMap(aigw -> aigw.docker()
                        .<GatewayRuntime>map(docker ->
                                new DockerGateway(new RuntimeInspector(docker, http, memo, redactor, evidence)))
                        .or(() -> aigw.kubernetes()
                                .map(k8s -> new KubernetesGateway(new KubernetesInspector(
                                        k8s, http, memo, redactor, evidence, System::getenv)))));
        Optional<GitLabConsole> console = environment
                .gitlab()
                .flatMap(Environment.GitLab::console)
                .map(c -> new GitLabConsole(c, options.consoleDeadline(), memo, redactor));
        this.report = new RunReport(
                environment,
                catalogue,
                redactor,
                paths.results(),
                printSummary,
                options.parameters()
                        .apply("duo.junit.xml")
                        .filter(v -> !v.isBlank())
                        .map(Path::of));
        this.deployment = new Deployment(environment, gitlab, aiGateway, modelServers, tls, runtime, console);
        this.rules = new Rules(
                AllSections.DECLARED,
                deployment,
                new Gates.Settings(
                        catalogue,
                        paths.environmentFileShown(),
                        loaded.deployment().isPresent(),
                        options::optedIn,
                        report::fact));
    }

    /** The run of this engine execution, created on first use; a configuration mistake fails every check with one message. */
    static ConformanceRun of(ExtensionContext context) {
        Holder holder = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(Holder.class, k -> Holder.start(context), Holder.class);
        if (holder.error != null) {
            throw holder.error;
        }
        return holder.run;
    }

    private record Holder(ConformanceRun run, ConfigurationException error)
            implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        static Holder start(ExtensionContext context) {
            try {
                String env = context.getConfigurationParameter("env").orElse("");
                RunPaths paths = RunPaths.of(env, context::getConfigurationParameter);
                var loader = new EnvironmentLoader(paths.environments(), System::getenv);
                EnvironmentLoader.Loaded loaded =
                        loader.load(env, SimulatedDeployment.Settings.from(context::getConfigurationParameter));
                try {
                    Catalogue catalogue = Catalogue.load(Language.of(
                            context.getConfigurationParameter("lang").orElse("en")));
                    boolean print = context.getConfigurationParameter("duo.summary.console")
                            .map(Boolean::parseBoolean)
                            .orElse(true);
                    return new Holder(
                            new ConformanceRun(
                                    loaded, catalogue, paths, print, new Options(context::getConfigurationParameter)),
                            null);
                } catch (RuntimeException e) {
                    loaded.close();
                    throw e;
                }
            } catch (ConfigurationException e) {
                return new Holder(null, e);
            }
        }

        @Override
        public void close() {
            if (run != null) {
                run.close();
            }
        }
    }

    public Environment environment() {
        return loaded.environment();
    }

    public Catalogue catalogue() {
        return catalogue;
    }

    public Redactor redactor() {
        return redactor;
    }

    Verdict verdictFor(String section) {
        return new Verdict(section, renderer, redactor, placeholders);
    }

    Rules rules() {
        return rules;
    }

    RunPaths paths() {
        return paths;
    }

    RunReport report() {
        return report;
    }

    @Override
    public void close() {
        try {
            report.finish();
        } finally {
            transport.close();
            deployment.runtime().ifPresent(GatewayRuntime::close);
            loaded.close();
        }
    }
}
