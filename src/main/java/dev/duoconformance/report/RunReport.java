package dev.duoconformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.config.SuiteVersion;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * What a run leaves besides Allure's own results: {@code environment.properties} and {@code categories.json} for the
 * Allure report, a {@code summary.json} with one object per section, and the console summary table.
 */
public final class RunReport {
    /**
     * One check result: a test method, or one model's run of a per-model check. The message is the one a person reads
     * (already redacted where it was made); the detail is the summary's one line; blockedBy names the upstream section.
     */
    public record Result(
            String section, String test, Outcome outcome, String message, String detail, String blockedBy) {}

    private final Environment environment;
    private final Catalogue catalogue;
    private final UnaryOperator<String> redactor;
    private final Path directory;
    private final boolean printSummary;
    private final java.util.Optional<Path> junitXml;
    private final List<Result> results = new ArrayList<>();
    private final Map<String, String> facts = new TreeMap<>();
    private final Instant started = Instant.now();

    /** {@code junitXml}: where the run's JUnit XML goes, when the build asks for it. */
    public RunReport(
            Environment environment,
            Catalogue catalogue,
            UnaryOperator<String> redactor,
            Path directory,
            boolean printSummary,
            java.util.Optional<Path> junitXml) {
        this.junitXml = junitXml;
        this.environment = environment;
        this.catalogue = catalogue;
        this.redactor = redactor;
        this.directory = directory;
        this.printSummary = printSummary;
    }

    public synchronized void record(Result result) {
        results.add(result);
    }

    /** A fact about the target learnt during the run (e.g. {@code gitlab.version}), shown in the report and the summary. */
    public synchronized void fact(String name, String value) {
        facts.put(name, Shown.message(value, redactor));
    }

    /** A fact learnt so far, if any. */
    public synchronized java.util.Optional<String> factNamed(String name) {
        return java.util.Optional.ofNullable(facts.get(name));
    }

    /** Allure's environment widget and result categories. */
    private void writeEnvironmentInfo() {
        Map<String, String> info = new TreeMap<>(facts);
        info.put("env", environment.name());
        info.put("suite.version", SuiteVersion.SUITE);
        info.put("doc.version", catalogue.docVersion());
        environment.gitlab().ifPresent(g -> info.put("gitlab.url", g.url().toString()));
        environment.aiGateway().ifPresent(a -> {
            a.reachableUrl().ifPresent(u -> info.put("ai_gateway.url", u.toString()));
            info.put("ai_gateway.expected_url", String.valueOf(a.expectedUrl()));
        });
        for (Environment.Model m : environment.models()) {
            info.put(
                    "model." + m.name(),
                    m.family() + " " + m.identifier().orElse("") + " "
                            + m.endpoint().map(Object::toString).orElse(""));
        }
        if (environment.http().insecure()) {
            info.put("WARNING", "http.insecure is true: TLS certificates are not verified");
        }
        Properties properties = new Properties();
        info.forEach((k, v) -> properties.setProperty(k, redactor.apply(v.strip())));
        write("environment.properties", out -> properties.store(out, "duo-conformance"));
        write("categories.json", out -> out.print(Categories.json(catalogue)));
    }

    /** A section's checks have all ended: one progress line on the console (Maven runs only). */
    public synchronized void sectionFinished(String section) {
        if (printSummary) {
            SectionSummary summary = bySection().get(section);
            if (summary != null) {
                System.out.printf("  %-12s %s%n", shownOutcome(summary), section);
            }
        }
    }

    public synchronized void finish() {
        writeEnvironmentInfo();
        Map<String, SectionSummary> sections = bySection();
        keepPreviousSummary();
        write(RunPaths.SUMMARY_FILE, out -> out.print(summaryJson(sections)));
        junitXml.ifPresent(file -> JUnitXml.write(file, environment.name(), results));
        if (printSummary) {
            System.out.print(table(sections));
        }
    }

    /**
     * The outcome of one section across its results: failed if any failed, broken if the suite broke, waived if waived;
     * passed only when every check that applies passed; otherwise not checked (or blocked), with the reason of a check that was not.
     */
    public record SectionSummary(String section, Outcome outcome, String detail, String message, String blockedBy) {}

    private Map<String, SectionSummary> bySection() {
        Map<String, List<Result>> grouped = new LinkedHashMap<>();
        catalogue.ids().stream()
                .sorted()
                .forEach(id -> results.stream()
                        .filter(r -> r.section().equals(id))
                        .forEach(r -> grouped.computeIfAbsent(id, k -> new ArrayList<>())
                                .add(r)));
        Map<String, SectionSummary> sections = new LinkedHashMap<>();
        grouped.forEach((id, list) -> {
            // A check not checked (blocked, no token, no runtime access) outweighs a pass: the section was not fully
            // checked.
            Result decisive = list.stream()
                    .filter(r -> r.outcome() == Outcome.FAILED)
                    .findFirst()
                    .or(() -> list.stream()
                            .filter(r -> r.outcome() == Outcome.BROKEN)
                            .findFirst())
                    .or(() -> list.stream()
                            .filter(r -> r.outcome() == Outcome.WAIVED)
                            .findFirst())
                    .or(() -> list.stream()
                            .filter(r -> r.outcome() == Outcome.BLOCKED)
                            .findFirst())
                    .or(() -> list.stream()
                            .filter(r -> r.outcome() == Outcome.NOT_CHECKED)
                            .findFirst())
                    .or(() -> list.stream()
                            .filter(r -> r.outcome() == Outcome.PASSED)
                            .findFirst())
                    .orElse(list.get(0));
            String detail = decisive.detail() == null ? "" : decisive.detail();
            long passed =
                    list.stream().filter(r -> r.outcome() == Outcome.PASSED).count();
            if (decisive.outcome() == Outcome.NOT_CHECKED && passed > 0) {
                detail = catalogue.console("partly_checked", "passed", passed, "checks", list.size(), "reason", detail);
            }
            sections.put(
                    id, new SectionSummary(id, decisive.outcome(), detail, decisive.message(), decisive.blockedBy()));
        });
        return sections;
    }

    private String summaryJson(Map<String, SectionSummary> sections) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("env", environment.name());
        root.put("suite_version", SuiteVersion.SUITE);
        root.put("doc_version", catalogue.docVersion());
        Instant finished = Instant.now();
        root.put("started_at", started.toString());
        root.put("finished_at", finished.toString());
        root.put("duration_ms", java.time.Duration.between(started, finished).toMillis());
        root.put("gitlab_version", facts.get("gitlab.version"));
        ObjectNode factNodes = root.putObject("facts");
        facts.forEach(factNodes::put);
        ObjectNode totals = root.putObject("totals");
        for (Outcome o : Outcome.values()) {
            totals.put(
                    o.summaryName(),
                    sections.values().stream()
                            .filter(s -> s.outcome().summaryName().equals(o.summaryName()))
                            .count());
        }
        Coverage coverage = Coverage.of(sections.values());
        root.putObject("coverage").put("checked", coverage.checked()).put("applicable", coverage.applicable());
        ArrayNode list = root.putArray("sections");
        sections.values().forEach(s -> {
            ObjectNode node = list.addObject();
            node.put("id", s.section());
            node.put("outcome", s.outcome().summaryName());
            if (s.outcome() == Outcome.NOT_APPLICABLE) {
                node.put("applicable", false);
            }
            if (!catalogue.section(s.section()).fromDoc()) {
                node.put("origin", "suite");
            }
            if (s.blockedBy() != null) {
                node.put("blocked_by", s.blockedBy());
            }
            node.put("detail", s.detail());
            node.put("message", s.message());
            node.put("env", environment.name());
            node.put("gitlab_version", facts.get("gitlab.version"));
            Map<String, String> notAutomated = catalogue.section(s.section()).notAutomated();
            if (!notAutomated.isEmpty()) {
                ArrayNode causes = node.putArray("not_automated");
                notAutomated.forEach((cause, reason) ->
                        causes.addObject().put("cause", cause).put("reason", reason));
            }
        });
        ArrayNode checks = root.putArray("results");
        results.forEach(r -> checks.addObject()
                .put("section", r.section())
                .put("test", r.test())
                .put("outcome", r.outcome().summaryName())
                .put("message", r.message()));
        try {
            return json.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checked sections (passed, failed or waived) of the applicable ones: a section whose every check does not apply to
     * this target (its GitLab version has no such API) is not applicable; every other section could have been checked.
     */
    record Coverage(long checked, long applicable) {
        static Coverage of(Collection<SectionSummary> sections) {
            long applicable = sections.stream()
                    .filter(s -> s.outcome() != Outcome.NOT_APPLICABLE)
                    .count();
            long checked = sections.stream()
                    .filter(s -> s.outcome() == Outcome.PASSED
                            || s.outcome() == Outcome.FAILED
                            || s.outcome() == Outcome.WAIVED)
                    .count();
            return new Coverage(checked, applicable);
        }
    }

    private String shownOutcome(SectionSummary summary) {
        return catalogue.console(
                switch (summary.outcome()) {
                    case PASSED -> "passed";
                    case FAILED -> "failed";
                    case WAIVED -> "waived";
                    case BROKEN -> "broken";
                    case NOT_APPLICABLE -> "not_applicable";
                    case NOT_CHECKED, BLOCKED -> "not_checked";
                });
    }

    private String detail(SectionSummary summary) {
        return summary.blockedBy() != null
                ? catalogue.console("blocked_by", "section", summary.blockedBy())
                : summary.detail();
    }

    private String table(Map<String, SectionSummary> sections) {
        StringBuilder out = new StringBuilder("\n");
        int width = sections.keySet().stream().mapToInt(String::length).max().orElse(10) + 4;
        String format = "%-" + width + "s %-12s %s%n";
        out.append(String.format(
                format, catalogue.console("section"), catalogue.console("outcome"), catalogue.console("detail")));
        sections.values()
                .forEach(s -> out.append(String.format(
                        format,
                        s.section() + (catalogue.section(s.section()).fromDoc() ? "" : " *"),
                        shownOutcome(s),
                        detail(s))));
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Outcome o : Outcome.values()) {
            counts.put(
                    o.summaryName(),
                    sections.values().stream()
                            .filter(s -> s.outcome().summaryName().equals(o.summaryName()))
                            .count());
        }
        Coverage coverage = Coverage.of(sections.values());
        out.append(catalogue.console(
                        "totals",
                        "passed",
                        counts.get("passed"),
                        "failed",
                        counts.get("failed"),
                        "not_checked",
                        counts.get("not_checked"),
                        "waived",
                        counts.get("waived"),
                        "broken",
                        counts.get("broken") > 0
                                ? catalogue.console("broken_totals", "broken", counts.get("broken"))
                                : "",
                        "checked",
                        coverage.checked(),
                        "applicable",
                        coverage.applicable()))
                .append('\n');
        if (sections.keySet().stream().anyMatch(id -> !catalogue.section(id).fromDoc())) {
            out.append(catalogue.console("precondition")).append('\n');
        }
        sections.keySet()
                .forEach(id -> catalogue
                        .section(id)
                        .notAutomated()
                        .forEach(
                                (cause, reason) -> out.append(catalogue.labels().notAutomated())
                                        .append(": ")
                                        .append(id)
                                        .append(" (")
                                        .append(cause)
                                        .append("): ")
                                        .append(reason)
                                        .append('\n')));
        // Each failure once, with its remediation: the console's only copy (Maven's own test summary is off).
        results.stream()
                .filter(r -> r.outcome() == Outcome.FAILED || r.outcome() == Outcome.BROKEN)
                .map(Result::message)
                .distinct()
                .forEach(message -> out.append('\n').append(message).append('\n'));
        out.append('\n')
                .append(catalogue.console("results"))
                .append(": ")
                .append(directory.toAbsolutePath().normalize())
                .append('\n');
        return out.toString();
    }

    private void keepPreviousSummary() {
        try {
            Path summary = directory.resolve(RunPaths.SUMMARY_FILE);
            if (Files.exists(summary)) {
                Files.move(
                        summary,
                        directory.resolve(RunPaths.PREVIOUS_SUMMARY_FILE),
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Writer {
        void write(PrintStream out) throws IOException;
    }

    private void write(String file, Writer writer) {
        try {
            Files.createDirectories(directory);
            try (PrintStream out =
                    new PrintStream(Files.newOutputStream(directory.resolve(file)), true, StandardCharsets.UTF_8)) {
                writer.write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
