package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.SectionCheck;
import dev.duoconformance.report.Compare;
import dev.duoconformance.report.Side;
import dev.duoconformance.simulator.fault.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.testkit.engine.EngineTestKit;

/** The summary file of a run, and the compare of two runs that it feeds. */
class SummaryAndCompareTest {

    private static JsonNode summary(SuiteRun.Results results) throws IOException {
        return new ObjectMapper()
                .readTree(
                        results.outputDirectory().resolve(RunPaths.SUMMARY_FILE).toFile());
    }

    @Test
    void theSummaryHasOneObjectPerSectionWithOutcomeAndDetail() throws IOException {
        JsonNode summary = summary(SuiteRun.demo(Fault.MODEL_DOWN).run());

        assertThat(summary.path("env").asText()).isEqualTo("demo");
        Map<String, JsonNode> sections = sectionsOf(summary);
        assertThat(sections.get("model-reachable-from-ai-gateway")
                        .path("outcome")
                        .asText())
                .isEqualTo("failed");
        assertThat(sections.get("model-reachable-from-ai-gateway")
                        .path("detail")
                        .asText())
                .startsWith("1. ");
        assertThat(sections.get("model-reachable-from-ai-gateway")
                        .path("message")
                        .asText())
                .startsWith("[model-reachable-from-ai-gateway]");
        assertThat(sections.get("model-reachable-from-ai-gateway").path("env").asText())
                .isEqualTo("demo");
        assertThat(sections.get("model-reachable-from-ai-gateway")
                        .path("gitlab_version")
                        .asText())
                .startsWith("18.6");
        assertThat(summary.path("gitlab_version").asText()).startsWith("18.6");
        assertThat(sections.get("ai-gateway-can-request-model").path("outcome").asText())
                .isEqualTo("not_checked");
        assertThat(sections.get("ai-gateway-can-request-model").path("detail").asText())
                .startsWith("blocked by model-reachable-from-ai-gateway");
        // Its other check needs the container's runtime, which the demo has not: a half-checked section is not passed.
        assertThat(sections.get("ai-gateway-tls").path("outcome").asText()).isEqualTo("not_checked");
        assertThat(sections.get("ai-gateway-tls").path("detail").asText())
                .startsWith("partly checked (1 of 2 checks passed): no access");
        assertThat(summary.path("totals").path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("results")).isNotEmpty();
        // A cause the catalogue marks not automated is listed with its reason, as kube-bench lists its manual checks.
        assertThat(sections.get("ai-logging").path("not_automated"))
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.path("cause").asText()).isEqualTo("logging-off");
                    assertThat(n.path("reason").asText()).startsWith("Informational");
                });
        assertThat(sections.get("model-reachable-from-ai-gateway").has("not_automated"))
                .isFalse();
    }

    @TempDir
    Path work;

    @Test
    void aSectionWhoseUserHalfWasNotCheckedIsNotPassed() throws IOException {
        JsonNode summary =
                summary(SuiteRun.demoVariant(work, "admin-only", yaml -> yaml.replaceAll("(?m)^  user_token: .*\n", ""))
                        .run());

        JsonNode section = sectionsOf(summary).get("user-can-request-code-suggestions");
        assertThat(section.path("outcome").asText()).isEqualTo("not_checked");
        assertThat(section.path("detail").asText())
                .startsWith("partly checked (1 of 2 checks passed): gitlab.user_token is not set in ")
                .contains("/admin-only.yaml; this check needs");
    }

    @Test
    void aCrashOfTheSuiteIsBrokenNotFailed() throws IOException {
        Path output = work.resolve("output");
        EngineTestKit.engine("junit-jupiter")
                .selectors(DiscoverySelectors.selectClass(CrashingCheck.class))
                .configurationParameter("env", "demo")
                .configurationParameter("duo.summary.console", "false")
                .configurationParameter("duo.output.dir", output.toString())
                .execute()
                .testEvents()
                .assertStatistics(stats -> stats.failed(1));

        JsonNode summary = new ObjectMapper()
                .readTree(output.resolve(RunPaths.SUMMARY_FILE).toFile());
        JsonNode section = sectionsOf(summary).get("ai-logging");
        assertThat(section.path("outcome").asText()).isEqualTo("broken");
        assertThat(section.path("detail").asText())
                .isEqualTo("broken: a bug of the suite, not the target's fault: "
                        + "java.lang.IllegalStateException: a bug ‹b›");
        assertThat(summary.path("totals").path("failed").asInt()).isZero();
    }

    /** A check with a bug: it throws what no check should (its gate lets the demo judge it). */
    @DocSection("ai-logging")
    static class CrashingCheck {
        @Test
        void reportsTheInstanceSetting(SectionCheck check) {
            throw new IllegalStateException("a bug <b>");
        }
    }

    @Test
    void theCompareHtmlEscapesEveryValueOfASummaryFile() throws IOException {
        String hostile = "<img src=x onerror=alert(1)>";
        Path file = work.resolve("hostile-summary.json");
        Files.writeString(
                file,
                "{\"env\":\"x\",\"gitlab_version\":\"" + hostile
                        + "\",\"sections\":[{\"id\":\"vllm-404\",\"outcome\":\"" + hostile + "\",\"detail\":\""
                        + hostile + "\"}]}");
        Side side = side(hostile, file);

        String html = Compare.html(side, side, Compare.rows(side, side), true);

        assertThat(html).doesNotContain(hostile).contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void compareShowsARegressionAFixAndWhatBecameUncheckable() throws IOException {
        Path before = SuiteRun.demo(Fault.MODEL_ENDPOINT_WITHOUT_V1)
                .run()
                .outputDirectory()
                .resolve(RunPaths.SUMMARY_FILE);
        Path after = SuiteRun.demo(Fault.MODEL_DOWN).run().outputDirectory().resolve(RunPaths.SUMMARY_FILE);

        List<Compare.Row> rows = Compare.rows(side("before", before), side("after", after));
        Map<String, Compare.Change> changes =
                rows.stream().collect(Collectors.toMap(Compare.Row::section, Compare.Row::change));

        assertThat(changes)
                .containsEntry("vllm-404", Compare.Change.NEWLY_NOT_CHECKABLE)
                .containsEntry("model-reachable-from-ai-gateway", Compare.Change.REGRESSION)
                .containsEntry("ai-gateway-tls", Compare.Change.UNCHANGED);
        List<Compare.Row> back = Compare.rows(side("after", after), side("fixed", before));
        assertThat(back)
                .filteredOn(r -> r.section().equals("vllm-404"))
                .extracting(Compare.Row::change)
                .containsExactly(Compare.Change.REGRESSION);
        Path healthy = SuiteRun.demo().run().outputDirectory().resolve(RunPaths.SUMMARY_FILE);
        // model-reachable-from-ai-gateway is only partly checked in the demo (not passed): vllm-404 goes failed →
        // passed.
        List<Compare.Row> fixed = Compare.rows(side("before", before), side("healthy", healthy));
        assertThat(fixed)
                .filteredOn(r -> r.section().equals("vllm-404"))
                .extracting(Compare.Row::change)
                .containsExactly(Compare.Change.FIXED);
    }

    @Test
    void theCompareCommandGatesOnRegressionsAndWritesMarkdownAndHtml() throws Exception {
        Path before = SuiteRun.demo().run().outputDirectory();
        Path after = SuiteRun.demo(Fault.MODEL_NAME_NOT_SERVED).run().outputDirectory();
        Path out = before.resolveSibling("compare-out");

        BoundedProcess gate = compare(before, after, out, "regression");
        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.output())
                .contains("| `vllm-404` | passed | failed | **regression** |")
                .contains("1 regression(s)");
        assertThat(out)
                .isDirectoryContaining(p -> p.toString().endsWith(".html"))
                .isDirectoryContaining(p -> p.toString().endsWith(".md"));

        assertThat(compare(before, after, out, "none").exitCode()).isZero();
        assertThat(compare(before, before, out, "regression").exitCode()).isZero();
    }

    @Test
    void changesComeFirstRegressionsThenFixesThenTheRestAndUnchangedSectionsInOneLine() {
        Side before = side(
                "before",
                SuiteRun.demo(Fault.MODEL_ENDPOINT_WITHOUT_V1, Fault.BEDROCK_ID_WITHOUT_REGION)
                        .run()
                        .outputDirectory()
                        .resolve(RunPaths.SUMMARY_FILE));
        Side after = side(
                "after",
                SuiteRun.demo(Fault.AIGW_UNTRUSTED_CERTIFICATE, Fault.BEDROCK_ID_WITHOUT_REGION)
                        .run()
                        .outputDirectory()
                        .resolve(RunPaths.SUMMARY_FILE));

        List<Compare.Row> rows = Compare.rows(before, after);
        assertThat(rows).extracting(Compare.Row::change).isSorted();
        assertThat(rows.get(0))
                .extracting(Compare.Row::section, Compare.Row::change)
                .containsExactly("ai-gateway-tls", Compare.Change.REGRESSION);
        assertThat(rows)
                .filteredOn(r -> r.change() == Compare.Change.FIXED)
                .extracting(Compare.Row::section)
                .containsExactly("vllm-404");
        assertThat(rows)
                .filteredOn(r -> r.change() == Compare.Change.STILL_FAILING)
                .extracting(Compare.Row::section)
                .containsExactly("bedrock-model-id");

        String md = Compare.markdown(before, after, rows, false);
        List<String> table = md.lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(table.get(0)).startsWith("| `ai-gateway-tls` | not checked | failed | **regression** |");
        assertThat(table)
                .extracting(l -> l.substring(3, l.indexOf('`', 3)))
                .containsSubsequence("ai-gateway-tls", "vllm-404", "bedrock-model-id")
                .doesNotContain("user-can-request-code-suggestions")
                .hasSize((int) rows.stream()
                        .filter(r -> r.change() != Compare.Change.UNCHANGED)
                        .count());
        long unchanged = rows.stream()
                .filter(r -> r.change() == Compare.Change.UNCHANGED)
                .count();
        assertThat(md).containsPattern(unchanged + " sections unchanged \\(\\d+ not checked, \\d+ passed\\)");
        assertThat(Compare.markdown(before, after, rows, true).lines().filter(l -> l.startsWith("| `")))
                .hasSize(rows.size());
        String html = Compare.html(before, after, rows, false);
        assertThat(html.indexOf("ai-gateway-tls")).isLessThan(html.indexOf("vllm-404"));
        assertThat(html)
                .doesNotContain("user-can-request-code-suggestions")
                .contains(unchanged + " sections unchanged");
    }

    @Test
    void aSectionPassedOrWaivedBeforeAndNotCheckedNowIsCoverageLostAndCountsAsARegression() throws IOException {
        Side before = handMade(
                "before",
                "{\"vllm-404\":\"passed\",\"duo-health-check\":\"waived\",\"ai-gateway-tls\":\"failed\","
                        + "\"ai-logging\":\"not_checked\",\"duo-chat\":\"passed\"}",
                null);
        Side after = handMade(
                "after",
                "{\"vllm-404\":\"not_checked\",\"duo-health-check\":\"not_checked\",\"ai-gateway-tls\":\"not_checked\","
                        + "\"ai-logging\":\"not_checked\",\"duo-chat\":\"passed\"}",
                null);

        Map<String, Compare.Change> changes = Compare.rows(before, after).stream()
                .collect(Collectors.toMap(Compare.Row::section, Compare.Row::change));
        assertThat(changes)
                .containsEntry("vllm-404", Compare.Change.COVERAGE_LOST)
                .containsEntry("duo-health-check", Compare.Change.COVERAGE_LOST)
                // A failure that is now not checked was not coverage: nothing passed is lost.
                .containsEntry("ai-gateway-tls", Compare.Change.NEWLY_NOT_CHECKABLE)
                .containsEntry("ai-logging", Compare.Change.UNCHANGED)
                .containsEntry("duo-chat", Compare.Change.UNCHANGED);
        assertThat(Compare.rows(before, after, true))
                .extracting(Compare.Row::change)
                .doesNotContain(Compare.Change.COVERAGE_LOST);
        // Listed with the regressions, first, and counted in the totals.
        List<Compare.Row> rows = Compare.rows(before, after);
        assertThat(rows.subList(0, 2)).extracting(Compare.Row::change).containsOnly(Compare.Change.COVERAGE_LOST);
        String md = Compare.markdown(before, after, rows, false);
        assertThat(md)
                .contains("| `duo-health-check` | waived | not checked | **coverage lost** |")
                .contains("0 regression(s), 2 coverage lost, ");
        // The same reason on both sides is not a loss.
        Side sameReason = handMade("same", "{\"vllm-404\":\"not_checked\"}", null);
        Side passedWithThatReason = Side.read(
                write(
                        "reason.json",
                        "{\"env\":\"x\",\"sections\":[{\"id\":\"vllm-404\",\"outcome\":\"passed\","
                                + "\"detail\":\"the reason\"}]}"),
                "reason",
                Optional.empty());
        assertThat(Compare.rows(passedWithThatReason, sameReason))
                .extracting(Compare.Row::change)
                .containsExactly(Compare.Change.COVERAGE_LOST);
        Side notCheckedForThatReason = Side.read(
                write(
                        "reason2.json",
                        "{\"env\":\"x\",\"sections\":[{\"id\":\"vllm-404\",\"outcome\":\"not_checked\","
                                + "\"detail\":\"the reason\"}]}"),
                "reason2",
                Optional.empty());
        assertThat(Compare.rows(passedWithThatReason, notCheckedForThatReason))
                .extracting(Compare.Row::change)
                .containsExactly(Compare.Change.NEWLY_NOT_CHECKABLE);
    }

    @Test
    void theGateFailsWhenARealRunLosesCoverageUnlessThatIsAllowed() throws Exception {
        Path before = SuiteRun.demo().run().outputDirectory();
        Path after = SuiteRun.demoVariant(work, "no-user-token", yaml -> yaml.replaceAll("(?m)^  user_token: .*\n", ""))
                .run()
                .outputDirectory();
        Path out = work.resolve("coverage-out");

        BoundedProcess gate = compare(before, after, out, "regression");
        assertThat(gate.exitCode()).as(gate.output()).isEqualTo(1);
        assertThat(gate.output())
                .contains("| passed | not checked | **coverage lost** |")
                .containsPattern("0 regression\\(s\\), [1-9]\\d* coverage lost")
                .contains("of them coverage lost");
        BoundedProcess allowed = compare(before, after, out, "regression", "-Dcompare.allowCoverageLoss=true");
        assertThat(allowed.exitCode()).as(allowed.output()).isZero();
        assertThat(allowed.output())
                .contains("0 regression(s), 0 coverage lost, ")
                .doesNotContain("**coverage lost**");
    }

    @Test
    void coverageIsShownWhereTheSummaryRecordsItAndASummaryWithoutItStillCompares() throws IOException {
        Side recorded = handMade(
                "prod", "{\"vllm-404\":\"passed\",\"ai-logging\":\"not_checked\"}", "{\"checked\":1,\"applicable\":2}");
        Side older = handMade("prod@previous", "{\"vllm-404\":\"passed\",\"ai-logging\":\"not_checked\"}", null);
        Side lying = handMade("forged", "{\"vllm-404\":\"passed\"}", "{\"checked\":9,\"applicable\":2}");

        assertThat(recorded.coverage()).contains(new Side.Coverage(1, 2));
        assertThat(older.coverage()).isEmpty();
        assertThat(lying.coverage()).isEmpty();
        List<Compare.Row> rows = Compare.rows(older, recorded);
        assertThat(Compare.markdown(older, recorded, rows, false))
                .contains("- prod: GitLab 18.6.1-ee · 2026-03-01 07:50 UTC · 1 of 2 sections checked")
                .containsPattern("- prod@previous: GitLab 18.6.1-ee · 2026-03-01 07:50 UTC\\n");
        assertThat(Compare.json(older, recorded, rows)
                        .path("head")
                        .path("coverage")
                        .path("checked")
                        .asInt())
                .isEqualTo(1);
        assertThat(Compare.json(older, recorded, rows)
                        .path("base")
                        .path("coverage")
                        .isNull())
                .isTrue();
        assertThat(EnvironmentMatrixTest.schemaErrors("comparison", Compare.json(older, recorded, rows)))
                .isEmpty();
        assertThat(dev.duoconformance.report.Matrix.html(
                        List.of(older, recorded),
                        dev.duoconformance.report.Matrix.rows(List.of(older, recorded)),
                        true,
                        "."))
                .contains("<small>1 of 2 sections checked</small>");
    }

    /** A summary written by hand: section id → outcome (as JSON), and the coverage object or null for an older summary. */
    private Side handMade(String label, String outcomes, String coverage) throws IOException {
        StringBuilder sections = new StringBuilder();
        new ObjectMapper()
                .readTree(outcomes)
                .fields()
                .forEachRemaining(f -> sections.append(sections.length() == 0 ? "" : ",")
                        .append("{\"id\":\"")
                        .append(f.getKey())
                        .append("\",\"outcome\":\"")
                        .append(f.getValue().asText())
                        .append("\",\"detail\":\"")
                        .append(
                                f.getValue().asText().equals("not_checked")
                                        ? "no access to the AI gateway's runtime"
                                        : "")
                        .append("\"}"));
        return Side.read(
                write(
                        label.replaceAll("[^a-z]", "") + ".json",
                        "{\"env\":\"prod\",\"gitlab_version\":\"18.6.1-ee\","
                                + "\"started_at\":\"2026-03-01T07:50:00Z\","
                                + (coverage == null ? "" : "\"coverage\":" + coverage + ",")
                                + "\"sections\":[" + sections + "]}"),
                label,
                Optional.empty());
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(work.resolve(name), json);
    }

    private static Side side(String label, Path summary) {
        return Side.read(summary, label, Optional.empty());
    }

    private static BoundedProcess compare(Path base, Path head, Path out, String failOn, String... options)
            throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dbase=" + base,
                "-Dhead=" + head,
                "-Dcompare.out=" + out,
                "-Dcompare.failOn=" + failOn));
        command.addAll(List.of(options));
        command.add(Compare.class.getName());
        return BoundedProcess.run(new ProcessBuilder(command), Duration.ofMinutes(1));
    }

    private static Map<String, JsonNode> sectionsOf(JsonNode summary) {
        Map<String, JsonNode> sections = new java.util.LinkedHashMap<>();
        summary.path("sections").forEach(s -> sections.put(s.path("id").asText(), s));
        return sections;
    }
}
