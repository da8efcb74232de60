package dev.duoconformance.selftest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.report.Compare;
import dev.duoconformance.report.RunReport;
import dev.duoconformance.report.Side;
import dev.duoconformance.simulator.fault.Fault;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The summary file of a run, and the compare of two runs that it feeds. */
class SummaryAndCompareTest {

    private static JsonNode summary(SuiteRun.Results results) throws IOException {
        return new ObjectMapper().readTree(results.outputDirectory().resolve(RunPaths.SUMMARY_FILE).toFile());
    }

    @Test
    void theSummaryHasOneObjectPerSectionWithOutcomeAndDetail() throws IOException {
        JsonNode summary = summary(SuiteRun.demo(Fault.MODEL_DOWN).run());

        assertThat(summary.path("env").asText()).isEqualTo("demo");
        Map<String, JsonNode> sections = sectionsOf(summary);
        assertThat(sections.get("model-reachable-from-ai-gateway").path("outcome").asText()).isEqualTo("failed");
        assertThat(sections.get("model-reachable-from-ai-gateway").path("detail").asText()).startsWith("1. ");
        assertThat(sections.get("model-reachable-from-ai-gateway").path("message").asText()).startsWith("[model-reachable-from-ai-gateway]");
        assertThat(sections.get("model-reachable-from-ai-gateway").path("env").asText()).isEqualTo("demo");
        assertThat(sections.get("model-reachable-from-ai-gateway").path("gitlab_version").asText()).startsWith("18.6");
        assertThat(summary.path("gitlab_version").asText()).startsWith("18.6");
        assertThat(sections.get("ai-gateway-can-request-model").path("outcome").asText()).isEqualTo("not_checked");
        assertThat(sections.get("ai-gateway-can-request-model").path("detail").asText()).startsWith("blocked by model-reachable-from-ai-gateway");
        assertThat(sections.get("ai-gateway-tls").path("outcome").asText()).isEqualTo("passed");
        assertThat(summary.path("totals").path("failed").asInt()).isEqualTo(1);
        assertThat(summary.path("results")).isNotEmpty();
    }

    @Test
    void compareShowsARegressionAFixAndWhatBecameUncheckable() throws IOException {
        Path before = SuiteRun.demo(Fault.MODEL_ENDPOINT_WITHOUT_V1).run().outputDirectory().resolve(RunPaths.SUMMARY_FILE);
        Path after = SuiteRun.demo(Fault.MODEL_DOWN).run().outputDirectory().resolve(RunPaths.SUMMARY_FILE);

        List<Compare.Row> rows = Compare.rows(side("before", before), side("after", after));
        Map<String, Compare.Change> changes = rows.stream().collect(Collectors.toMap(Compare.Row::section, Compare.Row::change));

        assertThat(changes).containsEntry("vllm-404", Compare.Change.NEWLY_NOT_CHECKABLE)
                .containsEntry("model-reachable-from-ai-gateway", Compare.Change.REGRESSION)
                .containsEntry("ai-gateway-tls", Compare.Change.UNCHANGED);
        List<Compare.Row> back = Compare.rows(side("after", after), side("fixed", before));
        assertThat(back).filteredOn(r -> r.section().equals("vllm-404")).extracting(Compare.Row::change)
                .containsExactly(Compare.Change.REGRESSION);
        Path healthy = SuiteRun.demo().run().outputDirectory().resolve(RunPaths.SUMMARY_FILE);
        List<Compare.Row> fixed = Compare.rows(side("after", after), side("healthy", healthy));
        assertThat(fixed).filteredOn(r -> r.section().equals("model-reachable-from-ai-gateway")).extracting(Compare.Row::change)
                .containsExactly(Compare.Change.FIXED);
    }

    @Test
    void theCompareCommandGatesOnRegressionsAndWritesMarkdownAndHtml() throws Exception {
        Path before = SuiteRun.demo().run().outputDirectory();
        Path after = SuiteRun.demo(Fault.MODEL_ERROR).run().outputDirectory();
        Path out = before.resolveSibling("compare-out");

        ProcessResult gate = compare(before, after, out, "regression");
        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.output()).contains("| `model-reachable-from-ai-gateway` | passed | failed | **regression** |")
                .contains("1 regression(s)");
        assertThat(out).isDirectoryContaining(p -> p.toString().endsWith(".html")).isDirectoryContaining(p -> p.toString().endsWith(".md"));

        assertThat(compare(before, after, out, "none").exitCode()).isZero();
        assertThat(compare(before, before, out, "regression").exitCode()).isZero();
    }

    @Test
    void changesComeFirstRegressionsThenFixesThenTheRestAndUnchangedSectionsInOneLine() {
        Side before = side("before", SuiteRun.demo(Fault.MODEL_ENDPOINT_WITHOUT_V1, Fault.BEDROCK_ID_WITHOUT_REGION).run()
                .outputDirectory().resolve(RunPaths.SUMMARY_FILE));
        Side after = side("after", SuiteRun.demo(Fault.AIGW_UNTRUSTED_CERTIFICATE, Fault.BEDROCK_ID_WITHOUT_REGION).run()
                .outputDirectory().resolve(RunPaths.SUMMARY_FILE));

        List<Compare.Row> rows = Compare.rows(before, after);
        assertThat(rows).extracting(Compare.Row::change).isSorted();
        assertThat(rows.get(0)).extracting(Compare.Row::section, Compare.Row::change)
                .containsExactly("ai-gateway-tls", Compare.Change.REGRESSION);
        assertThat(rows).filteredOn(r -> r.change() == Compare.Change.FIXED).extracting(Compare.Row::section).containsExactly("vllm-404");
        assertThat(rows).filteredOn(r -> r.change() == Compare.Change.STILL_FAILING).extracting(Compare.Row::section)
                .containsExactly("bedrock-model-id");

        String md = Compare.markdown(before, after, rows, false);
        List<String> table = md.lines().filter(l -> l.startsWith("| `")).toList();
        assertThat(table.get(0)).startsWith("| `ai-gateway-tls` | passed | failed | **regression** |");
        assertThat(table).extracting(l -> l.substring(3, l.indexOf('`', 3)))
                .containsSubsequence("ai-gateway-tls", "vllm-404", "bedrock-model-id")
                .doesNotContain("user-can-request-code-suggestions")
                .hasSize((int) rows.stream().filter(r -> r.change() != Compare.Change.UNCHANGED).count());
        long unchanged = rows.stream().filter(r -> r.change() == Compare.Change.UNCHANGED).count();
        assertThat(md).containsPattern(unchanged + " sections unchanged \\(\\d+ not checked, \\d+ passed\\)");
        assertThat(Compare.markdown(before, after, rows, true).lines().filter(l -> l.startsWith("| `"))).hasSize(rows.size());
        String html = Compare.html(before, after, rows, false);
        assertThat(html.indexOf("ai-gateway-tls")).isLessThan(html.indexOf("vllm-404"));
        assertThat(html).doesNotContain("user-can-request-code-suggestions").contains(unchanged + " sections unchanged");
    }

    private static Side side(String label, Path summary) {
        return Side.read(summary, label, Optional.empty());
    }

    private record ProcessResult(int exitCode, String output) {}

    private static ProcessResult compare(Path base, Path head, Path out, String failOn) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dbase=" + base, "-Dhead=" + head, "-Dcompare.out=" + out,
                "-Dcompare.failOn=" + failOn, Compare.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        return new ProcessResult(process.waitFor(), output);
    }

    private static Map<String, JsonNode> sectionsOf(JsonNode summary) {
        Map<String, JsonNode> sections = new java.util.LinkedHashMap<>();
        summary.path("sections").forEach(s -> sections.put(s.path("id").asText(), s));
        return sections;
    }
}
