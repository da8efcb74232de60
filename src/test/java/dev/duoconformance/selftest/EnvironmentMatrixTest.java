package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.report.Compare;
import dev.duoconformance.report.Matrix;
import dev.duoconformance.report.Side;
import dev.duoconformance.simulator.fault.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matrix of three environments of the demo, each run for real with its own faults and GitLab version: differing
 * rows first, each cell's outcome and reason, the command's files and bad input, hostile summaries, and the schema.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnvironmentMatrixTest {
    private Path work;
    private Path dev;
    private Path staging;
    private Path prod;

    @BeforeAll
    void runThreeEnvironments(@TempDir Path work) throws IOException {
        this.work = work;
        Path environments = Files.createDirectories(work.resolve("environments"));
        UnaryOperator<String> same = UnaryOperator.identity();
        dev = summaryOf(SuiteRun.demoVariant(
                environments, "dev", same, Fault.BEDROCK_ID_WITHOUT_REGION, Fault.MODEL_ENDPOINT_WITHOUT_V1));
        staging = summaryOf(SuiteRun.demoVariant(
                        environments,
                        "staging",
                        same,
                        Fault.BEDROCK_ID_WITHOUT_REGION,
                        Fault.AIGW_UNTRUSTED_CERTIFICATE)
                .with("demo.gitlab.version", "18.2"));
        prod = summaryOf(SuiteRun.demoVariant(environments, "prod", same, Fault.BEDROCK_ID_WITHOUT_REGION)
                .with("demo.gitlab.version", "17.8"));
    }

    private static Path summaryOf(SuiteRun run) {
        return run.run().outputDirectory().resolve(RunPaths.SUMMARY_FILE);
    }

    private List<Side> sides() {
        return Stream.of(dev, staging, prod)
                .map(p -> Side.read(p, null, Optional.empty()))
                .toList();
    }

    @Test
    void rowsWhereTheEnvironmentsDifferComeFirstThenFailingEverywhereThenTheRest() {
        List<Side> sides = sides();
        List<Matrix.Row> rows = Matrix.rows(sides);

        assertThat(sides).extracting(Side::label).containsExactly("dev", "staging", "prod");
        assertThat(sides)
                .extracting(Side::gitlabVersion)
                .allSatisfy(v -> assertThat(v).isNotEqualTo("unknown"))
                .extracting(v -> v.substring(0, 4))
                .containsExactly("18.6", "18.2", "17.8");
        List<Matrix.Group> groups = rows.stream().map(Matrix.Row::group).toList();
        assertThat(groups)
                .isSortedAccordingTo(Enum::compareTo)
                .contains(Matrix.Group.DIFFER, Matrix.Group.FAILING, Matrix.Group.AGREE);
        Map<String, Matrix.Row> bySection = rows.stream().collect(Collectors.toMap(Matrix.Row::section, r -> r));

        Matrix.Row vllm = bySection.get("vllm-404");
        assertThat(vllm.group()).isEqualTo(Matrix.Group.DIFFER);
        assertThat(vllm.cells()).extracting(Side.Cell::outcome).containsExactly("failed", "passed", "passed");
        assertThat(vllm.cells().get(0).detail()).startsWith("1. Change the model endpoint");
        Matrix.Row tls = bySection.get("ai-gateway-tls");
        // Only partly checked in the demo (its other check needs the container): not passed where it did not fail.
        assertThat(tls.cells()).extracting(Side.Cell::outcome).containsExactly("not_checked", "failed", "not_checked");
        assertThat(bySection
                        .get("model-reachable-from-ai-gateway")
                        .cells()
                        .get(0)
                        .detail())
                .startsWith("blocked by vllm-404");
        assertThat(bySection.get("bedrock-model-id").group()).isEqualTo(Matrix.Group.FAILING);
        assertThat(bySection.get("bedrock-model-id").cells())
                .allSatisfy(c -> assertThat(c.outcome()).isEqualTo("failed"));
        assertThat(bySection.get("debugging-scripts").group()).isEqualTo(Matrix.Group.AGREE);
        // Within the differing rows, those with a failure come before those that only differ in what was checkable.
        List<Matrix.Row> differ =
                rows.stream().filter(r -> r.group() == Matrix.Group.DIFFER).toList();
        assertThat(differ)
                .extracting(r -> r.cells().stream().anyMatch(c -> c.outcome().equals("failed")))
                .isSortedAccordingTo((a, b) -> Boolean.compare(b, a));
    }

    @Test
    void theMarkdownHasAColumnPerEnvironmentReasonsAsFootnotesAndTheAgreeingRowsInOneLine() {
        List<Side> sides = sides();
        List<Matrix.Row> rows = Matrix.rows(sides);
        String md = Matrix.markdown(sides, rows, false);

        List<String> lines = md.lines().toList();
        String header = lines.stream()
                .filter(l -> l.startsWith("| section |"))
                .findFirst()
                .orElseThrow();
        assertThat(header)
                .containsSubsequence("| dev · GitLab 18.6", "UTC", "| staging · GitLab 18.2", "| prod · GitLab 17.8");
        List<String> tableRows = lines.stream().filter(l -> l.startsWith("| `")).toList();
        assertThat(tableRows.get(0)).startsWith("| `");
        long differ =
                rows.stream().filter(r -> r.group() == Matrix.Group.DIFFER).count();
        long failing =
                rows.stream().filter(r -> r.group() == Matrix.Group.FAILING).count();
        assertThat(tableRows).hasSize((int) (differ + failing));
        assertThat(tableRows.get((int) differ)).startsWith("| `bedrock-model-id` | **failed**[^");
        String vllm = tableRows.stream()
                .filter(l -> l.startsWith("| `vllm-404`"))
                .findFirst()
                .orElseThrow();
        String footnote = vllm.replaceAll(".*?\\*\\*failed\\*\\*\\[\\^(\\d+)].*", "$1");
        assertThat(md).contains("[^" + footnote + "]: dev — `vllm-404`: 1. Change the model endpoint");
        long agree = rows.size() - differ - failing;
        assertThat(md)
                .containsPattern("\\d+ sections agree: passed everywhere")
                .containsPattern("\\d+ sections agree: not checked everywhere");
        assertThat(Matrix.agreeing(rows).values().stream().mapToInt(List::size).sum())
                .isEqualTo(agree);
        assertThat(Matrix.markdown(sides, rows, true).lines().filter(l -> l.startsWith("| `")))
                .hasSize(rows.size());
    }

    @Test
    void theCommandNamesEnvironmentsWritesMarkdownHtmlAndJsonAndLinksEachReport() throws Exception {
        Path project = Files.createDirectories(work.resolve("project"));
        for (Path summary : List.of(dev, staging, prod)) {
            String env =
                    new ObjectMapper().readTree(summary.toFile()).path("env").asText();
            Path results =
                    Files.createDirectories(project.resolve("allure-results").resolve(env));
            Files.copy(summary, results.resolve(RunPaths.SUMMARY_FILE));
        }
        CompareCommand.Result result = CompareCommand.matrix(project, "dev,staging,prod", "-Dcompare.reports=.");

        assertThat(result.exitCode()).isZero();
        assertThat(result.output())
                .contains("## duo-conformance: dev · staging · prod")
                .contains("agree: passed everywhere");
        Path out = project.resolve("target/duo-compare");
        String html = Files.readString(out.resolve("matrix.html"));
        assertThat(html)
                .contains("<a href=\"dev/index.html\">dev</a>", "<a href=\"prod/index.html\">prod</a>")
                .contains("title=\"1. Change the model endpoint")
                .contains("<details><summary>")
                .doesNotContain("href=\"http", "src=", "<script", "<link", "url(");
        assertThat(html.indexOf("vllm-404")).isLessThan(html.indexOf("bedrock-model-id"));
        assertThat(html.indexOf("bedrock-model-id")).isLessThan(html.indexOf("<details>"));
        assertThat(schemaErrors(
                        "matrix",
                        new ObjectMapper().readTree(out.resolve("matrix.json").toFile())))
                .isEmpty();

        assertThat(CompareCommand.matrix(project, "dev,prod", "-Dcompare.failOn=failure")
                        .exitCode())
                .isEqualTo(1);
        CompareCommand.Result gate = CompareCommand.compare(project, "prod", "dev", "-Dcompare.failOn=regression");
        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(schemaErrors(
                        "comparison",
                        new ObjectMapper()
                                .readTree(out.resolve("prod-vs-dev.json").toFile())))
                .isEmpty();
    }

    @Test
    void badInputEndsWithOneMessageAndExitCode2() throws Exception {
        Path project = Files.createDirectories(work.resolve("bad"));
        Files.writeString(project.resolve("broken.json"), "{\"sections\": [");
        Files.writeString(project.resolve("other.json"), "{\"env\": \"x\"}");
        Files.writeString(project.resolve("huge.json"), "{\"sections\": [\"" + "x".repeat(17 << 20) + "\"]}");
        Files.createDirectories(project.resolve("allure-results/dev"));
        Files.copy(dev, project.resolve("allure-results/dev").resolve(RunPaths.SUMMARY_FILE));
        Map<String, String> cases = Map.ofEntries(
                Map.entry("..", "is not an environment name"),
                Map.entry("dev,.hidden", "is not an environment name"),
                Map.entry("dev,pr od", "is not an environment name"),
                Map.entry("dev,dev", "is given twice"),
                Map.entry("dev,nope", "No results for 'nope'"),
                Map.entry("dev,dev@previous", "No results for 'dev@previous'"),
                Map.entry("dev,./broken.json", "is not a duo-conformance summary"),
                Map.entry("dev,./other.json", "has no \"sections\" list"),
                Map.entry("dev,./missing.json", "is neither a summary file nor a results folder"),
                Map.entry("dev,./huge.json", "is larger than 16 MiB"),
                Map.entry("dev,-x", "is not an environment name"),
                Map.entry(" , ", "Give the environments"));
        for (Map.Entry<String, String> c : cases.entrySet()) {
            CompareCommand.Result result = CompareCommand.matrix(project, c.getKey());
            assertThat(result.exitCode()).as(c.getKey()).isEqualTo(2);
            assertThat(result.output().strip())
                    .as(c.getKey())
                    .startsWith("duo-conformance matrix: ")
                    .contains(c.getValue())
                    .doesNotContain("Exception", "\tat ")
                    .hasLineCount(1);
        }
        assertThat(CompareCommand.compare(project, "dev", "../dev").output()).contains("neither a summary file");
        assertThat(CompareCommand.compare(project, "dev", "$(id)").exitCode()).isEqualTo(2);
    }

    @Test
    void hostileValuesInASuppliedSummaryAreEscapedEverywhere() throws IOException {
        ObjectNode hostile = (ObjectNode) new ObjectMapper().readTree(dev.toFile());
        String script = "<script>alert(1)</script>";
        hostile.put("env", "\"><img src=x onerror=alert(1)>");
        hostile.put("gitlab_version", "</th>" + script);
        hostile.put("started_at", script);
        ObjectNode first = (ObjectNode) hostile.path("sections").get(0);
        first.put("id", "<svg onload=alert(1)>|x");
        first.put("outcome", "<iframe src=javascript:alert(1)>");
        first.put("detail", "\" onmouseover=\"alert(1) [^1]: | <b>forged</b> [link](javascript:alert(1))");
        Path file = work.resolve("hostile.json");
        Files.writeString(file, hostile.toString());
        Side evil = Side.read(file, null, Optional.empty());
        Side good = Side.read(staging, null, Optional.empty());

        List<Matrix.Row> matrix = Matrix.rows(List.of(good, evil));
        List<Compare.Row> compare = Compare.rows(good, evil);
        String html = Matrix.html(List.of(good, evil), matrix, true, ".") + Compare.html(good, evil, compare, true);
        assertThat(html)
                .doesNotContain("<script", "<img", "<svg", "<iframe", "<b>", "onmouseover=\"")
                .contains("&lt;script&gt;", "&lt;iframe src=javascript:alert(1)&gt;", "&quot; onmouseover=&quot;");
        String md = Matrix.markdown(List.of(good, evil), matrix, true) + Compare.markdown(good, evil, compare, true);
        assertThat(md)
                .as("no unescaped <")
                .doesNotContainPattern("(?<!\\\\)<")
                .contains(
                        "\\<script>",
                        "\\<iframe src=javascript:alert(1)>",
                        "\\[link\\](javascript",
                        "\\[^1\\]: \\| \\<b>");
        assertThat(md.lines().filter(l -> l.startsWith("[^1]:"))).hasSize(1);
        assertThat(md.lines().filter(l -> l.startsWith("| `")).toList())
                .allSatisfy(row -> assertThat(row.replace("\\|", "")
                                .chars()
                                .filter(c -> c == '|')
                                .count())
                        .isIn(4L, 6L));
    }

    @Test
    void summariesOfRealRunsAndBrokenOnesAgainstThePublishedSchema() throws IOException {
        for (Path summary : List.of(dev, staging, prod)) {
            JsonNode json = new ObjectMapper().readTree(summary.toFile());
            assertThat(schemaErrors("summary", json)).as(summary.toString()).isEmpty();
            assertThat(schemaErrors(null, json)).isEmpty();
        }
        List<Side> sides = sides();
        assertThat(schemaErrors("matrix", Matrix.json(sides, Matrix.rows(sides))))
                .isEmpty();
        assertThat(schemaErrors(
                        "comparison",
                        Compare.json(sides.get(0), sides.get(1), Compare.rows(sides.get(0), sides.get(1)))))
                .isEmpty();

        ObjectNode broken = (ObjectNode) new ObjectMapper().readTree(dev.toFile());
        ((ObjectNode) broken.path("sections").get(0)).put("outcome", "sort of");
        broken.remove("totals");
        assertThat(schemaErrors("summary", broken))
                .extracting(ValidationMessage::getMessage)
                .anySatisfy(m -> assertThat(m).contains("outcome"))
                .anySatisfy(m -> assertThat(m).contains("totals"));
        assertThat(schemaErrors(null, broken)).isNotEmpty();
    }

    /** Errors of {@code json} against docs/summary.schema.json, as a whole ({@code def} null) or against one of its $defs. */
    static Set<ValidationMessage> schemaErrors(String def, JsonNode json) throws IOException {
        ObjectNode schema = (ObjectNode)
                new ObjectMapper().readTree(Path.of("docs/summary.schema.json").toFile());
        if (def != null) {
            schema.remove("anyOf");
            schema.put("$ref", "#/$defs/" + def);
        }
        JsonSchema validator =
                JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        return validator.validate(json);
    }

    /** compare and matrix as a user runs them: a separate JVM, in a project folder, with their exit code and output. */
    static final class CompareCommand {
        record Result(int exitCode, String output) {}

        static Result matrix(Path directory, String envs, String... options) throws Exception {
            List<String> args = new ArrayList<>(List.of("-Denvs=" + envs));
            args.addAll(List.of(options));
            return run(directory, Matrix.class.getName(), args);
        }

        static Result compare(Path directory, String base, String head, String... options) throws Exception {
            List<String> args = new ArrayList<>(List.of("-Dbase=" + base, "-Dhead=" + head));
            args.addAll(List.of(options));
            return run(directory, Compare.class.getName(), args);
        }

        private static Result run(Path directory, String main, List<String> options) throws Exception {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path")));
            command.addAll(options);
            command.add(main);
            BoundedProcess process = BoundedProcess.run(
                    new ProcessBuilder(command).directory(directory.toFile()), java.time.Duration.ofMinutes(2));
            return new Result(process.exitCode(), process.output());
        }
    }
}
