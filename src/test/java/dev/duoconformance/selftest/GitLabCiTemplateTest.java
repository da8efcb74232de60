package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.report.Matrix;
import dev.duoconformance.report.Side;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI/CD component {@code templates/conformance.yml} and the project's own {@code .gitlab-ci.yml} that includes it:
 * valid against GitLab's own CI schema (the component's {@code spec} header, and its jobs with the inputs interpolated
 * as GitLab does), following the CI/CD Catalog layout, and doing what the README says.
 */
class GitLabCiTemplateTest {
    private static final Pattern INPUT = Pattern.compile("\\$\\[\\[\\s*inputs\\.([A-Za-z0-9_-]+)\\s*]]");
    private static final Path COMPONENT = Path.of("templates/conformance.yml");
    private final JsonNode pipeline = yaml(Path.of(".gitlab-ci.yml")).get(0);
    private final List<JsonNode> component = yaml(COMPONENT);
    private final JsonNode inputs = component.get(0).path("spec").path("inputs");

    private static List<JsonNode> yaml(Path file) {
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            return new YAMLMapper().readValues(parser, JsonNode.class).readAll();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<ValidationMessage> schemaErrors(JsonNode document) throws IOException {
        try (InputStream in = GitLabCiTemplateTest.class.getResourceAsStream("/gitlab-ci/ci.schema.json")) {
            JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
                    .getSchema(new ObjectMapper().readTree(in));
            return schema.validate(document);
        }
    }

    /** The component's jobs as GitLab builds them: every {@code $[[ inputs.x ]]} replaced, a whole value by the typed value. */
    private JsonNode interpolated(Map<String, JsonNode> given) {
        return interpolate(component.get(1).deepCopy(), given);
    }

    private JsonNode interpolate(JsonNode node, Map<String, JsonNode> values) {
        if (node.isTextual()) {
            Matcher whole = INPUT.matcher(node.asText());
            if (whole.matches()) {
                return value(whole.group(1), values);
            }
            return new TextNode(INPUT.matcher(node.asText())
                    .replaceAll(m -> Matcher.quoteReplacement(text(value(m.group(1), values)))));
        }
        if (node.isArray()) {
            ArrayNode array = (ArrayNode) node;
            for (int i = 0; i < array.size(); i++) {
                array.set(i, interpolate(array.get(i), values));
            }
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                object.set(name, interpolate(object.get(name), values));
            }
        }
        return node;
    }

    private JsonNode value(String input, Map<String, JsonNode> values) {
        assertThat(inputs.has(input))
                .as("$[[ inputs.%s ]] is declared in spec:inputs", input)
                .isTrue();
        return values.getOrDefault(input, inputs.path(input).path("default"));
    }

    /** An array inside a string, as GitLab writes it (a JSON-like list). */
    private static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }

    @Test
    void thePipelineIsValidAgainstGitLabsCiSchema() throws IOException {
        assertThat(schemaErrors(pipeline)).isEmpty();
    }

    @Test
    void theComponentFollowsTheCatalogLayoutAndItsSpecHeaderIsValid() throws IOException {
        assertThat(component).hasSize(2);
        assertThat(component.get(0).fieldNames()).toIterable().containsExactly("spec");
        assertThat(schemaErrors(component.get(0))).isEmpty();
        assertThat(Path.of("README.md")).isRegularFile();
        inputs.fields().forEachRemaining(input -> {
            assertThat(input.getValue().path("description").asText())
                    .as(input.getKey())
                    .isNotBlank();
            assertThat(input.getValue().has("default"))
                    .as(input.getKey() + " has a default")
                    .isTrue();
        });
        assertThat(inputs.path("environments").path("type").asText()).isEqualTo("array");
        assertThat(inputs.path("upgrade-gate-when").path("options"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("always", "on_success", "manual", "never");
        assertThat(inputs.fieldNames()).toIterable().contains("stage", "image");

        Set<String> used = new TreeSet<>();
        Matcher uses = INPUT.matcher(Files.readString(COMPONENT).split("\n---\n", 2)[1]);
        while (uses.find()) {
            used.add(uses.group(1));
        }
        assertThat(used).containsExactlyInAnyOrderElementsOf(() -> inputs.fieldNames());
        // Global keywords in a component would change every job of the including pipeline.
        assertThat(component.get(1).fieldNames())
                .toIterable()
                .doesNotContain("default", "stages", "variables", "workflow", "include");
    }

    @Test
    void theComponentsJobsAreValidWithTheDefaultsAndWithEveryOption() throws IOException {
        assertThat(schemaErrors(interpolated(Map.of()))).isEmpty();
        ObjectMapper json = new ObjectMapper();
        inputs.fields()
                .forEachRemaining(input -> input.getValue().path("options").forEach(option -> {
                    try {
                        assertThat(schemaErrors(interpolated(Map.of(input.getKey(), option))))
                                .as(input.getKey() + "=" + option)
                                .isEmpty();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }));
        Map<String, JsonNode> adopter = new HashMap<>();
        adopter.put("environments", json.readTree("[\"dev\", \"staging\", \"prod\"]"));
        adopter.put("stage", new TextNode("verify"));
        adopter.put("accept-no-baseline", com.fasterxml.jackson.databind.node.BooleanNode.TRUE);
        assertThat(schemaErrors(interpolated(adopter))).isEmpty();
        assertThat(interpolated(adopter)
                        .path("duo-conformance")
                        .path("parallel")
                        .path("matrix")
                        .get(0)
                        .path("DUO_ENV"))
                .extracting(JsonNode::asText)
                .containsExactly("dev", "staging", "prod");
    }

    @Test
    void theProjectsOwnPipelineIncludesTheComponentFromItsOwnCommit() {
        JsonNode include = pipeline.path("include").get(0);
        String reference = include.path("component").asText();
        assertThat(reference).isEqualTo("$CI_SERVER_FQDN/$CI_PROJECT_PATH/conformance@$CI_COMMIT_SHA");
        String name = reference.substring(reference.lastIndexOf('/') + 1, reference.indexOf('@'));
        assertThat(Path.of("templates", name + ".yml")).isRegularFile();
        include.path("inputs")
                .fieldNames()
                .forEachRemaining(
                        given -> assertThat(inputs.has(given)).as(given).isTrue());
        assertThat(include.path("inputs").path("environments").isArray()).isTrue();
        assertThat(pipeline.path("stages").toString())
                .contains(include.path("inputs").path("stage").asText());
        assertThat(pipeline.path("self-test").path("script").get(0).asText()).isEqualTo("./mvnw -B -ntp verify");
    }

    @Test
    void runsOneCheckJobPerEnvironmentThenTheMatrixTheUpgradeGateAndPages() {
        JsonNode jobs = interpolated(Map.of());
        JsonNode conformance = jobs.path("duo-conformance");
        assertThat(conformance.path("parallel").path("matrix").get(0).path("DUO_ENV"))
                .extracting(JsonNode::asText)
                .containsExactly("staging", "prod");
        assertThat(conformance.path("script").get(0).asText()).startsWith("./mvnw -B -ntp verify -Denv=$DUO_ENV");
        assertThat(conformance.path("artifacts").path("when").asText()).isEqualTo("always");
        assertThat(conformance.path("artifacts").path("reports").path("junit").asText())
                .isEqualTo("target/failsafe-reports/$DUO_ENV/TEST-*.xml");
        assertThat(conformance.path("artifacts").path("paths").toString())
                .contains("allure-results/$DUO_ENV/", "allure-report/$DUO_ENV/");
        assertThat(jobs.path("duo-matrix").path("script").toString())
                .contains("exec:java@matrix -Denvs=\\\"$DUO_ENVS\\\" -Dcompare.reports=.");
        JsonNode gate = jobs.path("duo-upgrade-gate");
        assertThat(gate.path("rules").get(1).path("when").asText()).isEqualTo("always");
        assertThat(gate.path("rules").get(1).path("if").asText())
                .contains("$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH", "$DUO_UPGRADE == \"true\"");
        // The baseline comes from GitLab's job artifacts API, not from a runner's cache.
        assertThat(gate.path("script").toString())
                .contains("exec:java@baseline -Denvs=\\\"$DUO_ENVS\\\"")
                .contains("-Dbase=\\\"$env@baseline\\\" -Dhead=\\\"$env\\\" -Dcompare.failOn=regression")
                .contains("-Dcompare.acceptNoBaseline=\\\"$DUO_ACCEPT_NO_BASELINE\\\"")
                .doesNotContain("@previous");
        assertThat(gate.path("variables").path("DUO_ACCEPT_NO_BASELINE").asText())
                .isEqualTo("false");
        assertThat(jobs.toString()).doesNotContain("duo-conformance-summary.previous.json");
        jobs.fields()
                .forEachRemaining(job -> job.getValue()
                        .path("cache")
                        .forEach(cache -> assertThat(cache.path("paths").toString())
                                .as(job.getKey() + " caches no summary")
                                .doesNotContain("summary")));
        assertThat(jobs.path("pages").path("needs").toString()).contains("duo-matrix");
        assertThat(jobs.path("pages").path("artifacts").path("paths").get(0).asText())
                .isEqualTo("public");
    }

    @Test
    void aCheckJobMayFailWithExitCode1ButNoJobWithAConfigurationErrorOrABugOfTheSuite() {
        JsonNode jobs = interpolated(Map.of());
        assertThat(jobs.path("duo-conformance").path("allow_failure").path("exit_codes"))
                .extracting(JsonNode::asInt)
                .containsExactly(1);
        jobs.fields().forEachRemaining(job -> {
            JsonNode allowed = job.getValue().path("allow_failure");
            assertThat(allowed.isBoolean() && allowed.asBoolean())
                    .as(job.getKey())
                    .isFalse();
            assertThat(allowed.path("exit_codes").toString()).as(job.getKey()).doesNotContain("2", "3");
        });
    }

    @Test
    void aMergeRequestGetsTheValidateJobAndNoCheckThatNeedsSecrets() {
        JsonNode jobs = interpolated(Map.of());
        JsonNode validate = jobs.path("duo-validate");
        assertThat(validate.path("rules"))
                .singleElement()
                .satisfies(rule -> assertThat(rule.path("if").asText())
                        .isEqualTo("$CI_PIPELINE_SOURCE == \"merge_request_event\""));
        assertThat(validate.path("script").get(0).asText()).isEqualTo("./mvnw -B -ntp -q compile exec:java@validate");
        // No environment: no environment-scoped secret reaches a merge request's job.
        assertThat(validate.has("environment")).isFalse();
        for (String job : List.of("duo-conformance", "duo-matrix", "duo-upgrade-gate")) {
            assertThat(jobs.path(job).path("rules").get(0).path("if").asText())
                    .as(job)
                    .isEqualTo("$CI_PIPELINE_SOURCE == \"merge_request_event\"");
            assertThat(jobs.path(job).path("rules").get(0).path("when").asText())
                    .as(job)
                    .isEqualTo("never");
        }
    }

    @Test
    void theGateEndsWithTheWorstExitCodeOfTheEnvironments(@TempDir Path project) throws Exception {
        JsonNode gate = interpolated(
                        Map.of("environments", new ObjectMapper().readTree("[\"dev\", \"staging\", \"prod\"]")))
                .path("duo-upgrade-gate");
        // A stand-in for ./mvnw: the baseline fetch succeeds; compare exits as each environment's gate would.
        Path mvnw = Files.writeString(project.resolve("mvnw"), """
                #!/bin/sh
                echo "$*" >> calls.log
                case "$*" in
                  *-Dhead=dev*) exit 1 ;;
                  *-Dhead=staging*) exit 0 ;;
                  *-Dhead=prod*) exit "$PROD_EXIT" ;;
                esac
                """);
        assertThat(mvnw.toFile().setExecutable(true)).isTrue();
        StringBuilder script = new StringBuilder("set -e\nDUO_ACCEPT_NO_BASELINE=false\n");
        gate.path("script").forEach(line -> script.append(line.asText()).append('\n'));
        for (Map.Entry<String, Integer> c : Map.of("0", 1, "2", 2, "3", 3).entrySet()) {
            ProcessBuilder shell = new ProcessBuilder("sh", "-c", script.toString()).directory(project.toFile());
            shell.environment().put("PROD_EXIT", c.getKey());
            BoundedProcess run = BoundedProcess.run(shell, java.time.Duration.ofSeconds(30));
            assertThat(run.exitCode())
                    .as("prod exits " + c.getKey() + ": " + run.output())
                    .isEqualTo(c.getValue());
        }
        assertThat(Files.readAllLines(project.resolve("calls.log")))
                .hasSize(12)
                .first()
                .asString()
                .isEqualTo("-B -ntp -q compile exec:java@baseline -Denvs=dev,staging,prod");
    }

    @Test
    void theMatrixLinksWorkOnPagesInTheArtifactBrowserAndInTheDownloadedArchive(@TempDir Path project)
            throws Exception {
        JsonNode jobs = interpolated(Map.of("environments", new ObjectMapper().readTree("[\"staging\", \"prod\"]")));
        // What the check jobs leave and the matrix command writes: each environment's report and summary, and the
        // matrix page.
        List<Side> sides = new java.util.ArrayList<>();
        for (String env : List.of("staging", "prod")) {
            Files.createDirectories(
                    project.resolve("allure-report").resolve(env).resolve("data"));
            Files.writeString(
                    project.resolve("allure-report").resolve(env).resolve("index.html"), "<html>" + env + "</html>");
            Path summary = Files.createDirectories(
                            project.resolve("allure-results").resolve(env))
                    .resolve(RunPaths.SUMMARY_FILE);
            Files.writeString(
                    summary, "{\"env\":\"" + env + "\",\"sections\":[{\"id\":\"vllm-404\",\"outcome\":\"passed\"}]}");
            sides.add(Side.read(summary, env, java.util.Optional.of(env)));
        }
        Files.createDirectories(project.resolve("target/duo-compare"));
        Files.writeString(
                project.resolve("target/duo-compare/matrix.html"), Matrix.html(sides, Matrix.rows(sides), false, "."));
        StringBuilder script = new StringBuilder("set -e\n");
        jobs.path("duo-matrix").path("script").forEach(line -> {
            if (!line.asText().startsWith("./mvnw")) {
                script.append(line.asText()).append('\n');
            }
        });
        jobs.path("pages")
                .path("script")
                .forEach(line -> script.append(line.asText()).append('\n'));
        BoundedProcess run = BoundedProcess.run(
                new ProcessBuilder("sh", "-c", script.toString()).directory(project.toFile()),
                java.time.Duration.ofSeconds(30));
        assertThat(run.exitCode()).as(run.output()).isZero();

        assertThat(jobs.path("duo-matrix")
                        .path("artifacts")
                        .path("paths")
                        .get(0)
                        .asText())
                .isEqualTo("duo-conformance/");
        for (String site : List.of("duo-conformance", "public")) {
            Path index = project.resolve(site).resolve("index.html");
            java.util.regex.Matcher href = Pattern.compile("href=\"([^\"]+)\"").matcher(Files.readString(index));
            List<String> links = new java.util.ArrayList<>();
            while (href.find()) {
                links.add(href.group(1));
            }
            assertThat(links).as(site).containsExactly("staging/index.html", "prod/index.html");
            links.forEach(link -> assertThat(index.resolveSibling(link))
                    .as(site + ": " + link)
                    .isRegularFile());
            // The gate's baseline: each environment's summary, where the baseline fetch asks for it.
            assertThat(project.resolve(site).resolve("prod").resolve(RunPaths.SUMMARY_FILE))
                    .isRegularFile();
        }
    }

    @Test
    void theReleaseJobUsesTheGitLabCliImageNotTheDeprecatedReleaseCli() {
        JsonNode release = pipeline.path("release");
        assertThat(release.path("image").asText()).startsWith("registry.gitlab.com/gitlab-org/cli:");
        assertThat(Files.exists(Path.of(".gitlab-ci.yml"))).isTrue();
        assertThat(pipeline.toString()).doesNotContain("release-cli");
        assertThat(release.path("release").path("tag_name").asText()).isEqualTo("$CI_COMMIT_TAG");
    }

    @Test
    void theMatrixJobTurnsTheEnvironmentsArrayIntoTheCommaListTheMatrixTakes() throws Exception {
        String line = interpolated(
                        Map.of("environments", new ObjectMapper().readTree("[\"dev\", \"staging\", \"prod\"]")))
                .path("duo-matrix")
                .path("script")
                .get(0)
                .asText();
        BoundedProcess shell = BoundedProcess.run(
                new ProcessBuilder("sh", "-c", line + " && printf '%s' \"$DUO_ENVS\""),
                java.time.Duration.ofSeconds(30));
        assertThat(shell.output()).isEqualTo("dev,staging,prod");
        assertThat(shell.exitCode()).isZero();
    }
}
