package dev.duoconformance.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionSkipped;
import dev.duoconformance.simulator.fault.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs the real check classes, through the JUnit Platform test kit, against the simulated deployment. */
final class SuiteRun {
    static final String CHECKS = "dev.duoconformance.checks";

    /** One check's result as the self-tests read it. */
    record CheckResult(String section, String test, TestExecutionResult.Status status, Throwable throwable) {
        String message() {
            return throwable == null ? "" : String.valueOf(throwable.getMessage());
        }

        boolean failed() {
            return status == TestExecutionResult.Status.FAILED;
        }

        /** The upstream section that blocked the check, as the check's outcome carries it. */
        Optional<String> blockedBy() {
            return throwable instanceof SectionSkipped skipped ? skipped.upstream() : Optional.empty();
        }

        boolean passed() {
            return status == TestExecutionResult.Status.SUCCESSFUL;
        }

        /** The demo has no container runtime to inspect and runs no opt-in script: only those checks are not checked by it. */
        static final String NO_RUNTIME =
                "not checked: no access to the AI gateway's runtime (the demo runs its AI gateway in a container with -Ddemo.runtime=docker)";

        static final String OPT_IN = "not checked: opt-in: ";

        boolean outsideTheDemo() {
            return status == TestExecutionResult.Status.ABORTED
                    && (message().equals(NO_RUNTIME) || message().startsWith(OPT_IN));
        }
    }

    /** A request a simulator received, from its {@code demo.record}. */
    record Received(String component, String method, String path, String agent, boolean known) {}

    record Results(List<CheckResult> checks, List<Received> requests, Path outputDirectory) {
        List<CheckResult> where(Predicate<CheckResult> filter) {
            return checks.stream().filter(filter).toList();
        }

        List<CheckResult> failures() {
            return where(CheckResult::failed);
        }

        /** The messages the run's summary holds for a section's passed checks (their notes). */
        List<String> notesOf(String section) {
            try {
                JsonNode summary = new ObjectMapper()
                        .readTree(outputDirectory.resolve(RunPaths.SUMMARY_FILE).toFile());
                List<String> notes = new ArrayList<>();
                summary.path("results").forEach(r -> {
                    if (r.path("section").asText().equals(section)
                            && r.path("outcome").asText().equals("passed")) {
                        notes.add(r.path("message").asText(""));
                    }
                });
                return notes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Set<String> failedSections() {
            return failures().stream()
                    .map(CheckResult::section)
                    .collect(Collectors.toCollection(java.util.TreeSet::new));
        }

        List<CheckResult> of(String section) {
            return where(r -> r.section().equals(section));
        }
    }

    private final Map<String, String> parameters = new LinkedHashMap<>();
    private List<String> packages = List.of(CHECKS);

    private SuiteRun(String env) {
        parameters.put("env", env);
        parameters.put("duo.summary.console", "false");
    }

    /** A run against {@code <directory>/<name>.yaml}, such as an environment a self-test wrote for a real container. */
    static SuiteRun environment(Path directory, String name) {
        return new SuiteRun(name).with("duo.environments.dir", directory.toString());
    }

    static SuiteRun demo(Fault... faults) {
        return new SuiteRun("demo").faults(faults);
    }

    /** The demo deployment with its environment file changed by {@code edit}, written to {@code <directory>/<name>.yaml}. */
    static SuiteRun demoVariant(Path directory, String name, UnaryOperator<String> edit, Fault... faults) {
        try {
            Files.writeString(
                    directory.resolve(name + ".yaml"), edit.apply(Files.readString(Path.of("environments/demo.yaml"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return environment(directory, name).faults(faults);
    }

    private SuiteRun faults(Fault... faults) {
        Arrays.stream(faults).forEach(fault -> fault.shownWith().forEach(this::with));
        return with("demo.faults", Arrays.stream(faults).map(Fault::id).collect(Collectors.joining(",")));
    }

    SuiteRun with(String key, String value) {
        parameters.put(key, value);
        return this;
    }

    /** Runs only the check classes of these packages under {@value #CHECKS}, e.g. {@code runtime}. */
    SuiteRun only(String... subpackages) {
        packages = Arrays.stream(subpackages).map(p -> CHECKS + "." + p).toList();
        return this;
    }

    Results run() {
        try {
            Path work = Files.createTempDirectory("duo-selftest");
            Path record = work.resolve("requests.jsonl");
            Path output = work.resolve("output");
            List<CheckResult> checks = EngineTestKit.engine("junit-jupiter")
                    .selectors(packages.stream()
                            .map(p -> selectPackage(p))
                            .toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                    .configurationParameters(parameters)
                    .configurationParameter("demo.record", record.toString())
                    .configurationParameter("duo.output.dir", output.toString())
                    .execute()
                    .testEvents()
                    .finished()
                    .stream()
                    .map(SuiteRun::result)
                    .toList();
            OutcomeRecord.write(parameters, checks);
            return new Results(checks, received(record), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CheckResult result(Event event) {
        MethodSource source =
                (MethodSource) event.getTestDescriptor().getSource().orElseThrow();
        String section = source.getJavaClass().getAnnotation(DocSection.class).value();
        TestExecutionResult result = event.getRequiredPayload(TestExecutionResult.class);
        return new CheckResult(
                section,
                source.getMethodName() + " " + event.getTestDescriptor().getDisplayName(),
                result.getStatus(),
                result.getThrowable().orElse(null));
    }

    private static List<Received> received(Path record) throws IOException {
        if (!Files.exists(record)) {
            return List.of();
        }
        ObjectMapper json = new ObjectMapper();
        return Files.readAllLines(record).stream()
                .map(line -> {
                    try {
                        JsonNode r = json.readTree(line);
                        return new Received(
                                r.path("component").asText(),
                                r.path("method").asText(),
                                r.path("path").asText(),
                                r.path("agent").asText(),
                                r.path("known").asBoolean());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                })
                .toList();
    }
}
