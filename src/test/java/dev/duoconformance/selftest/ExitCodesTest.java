package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.simulator.fault.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit code of {@code mvnw verify -Denv=<name>} is the verdict a pipeline acts on, one meaning each, and the console
 * is the suite's: run as a user runs it, with the Maven that runs these tests.
 */
class ExitCodesTest {
    @TempDir
    Path work;

    @Test
    void aHealthyRunExitsZeroWithTheSuitesConsole() throws Exception {
        Run run = verify("-Denv=demo");
        assertThat(run.code()).as(run.log()).isZero();
        assertThat(run.log())
                .contains("duo-conformance: PASSED (exit code 0)")
                .contains("checked 16 of 27 applicable sections")
                .contains("SECTION")
                .doesNotContain("Tests run:")
                .doesNotContain("BUILD SUCCESS")
                .doesNotContain("[INFO]");
        assertThat(linesBefore("SECTION", run.log()))
                .as("Maven's lines before the table")
                .noneMatch(line -> line.startsWith("[INFO]") || line.startsWith("[WARNING]"));
    }

    @Test
    void aConfiguredGitLabThatIsDownFailsTheRunWithExitCodeOne() throws Exception {
        Run run = verify("-Denv=demo", "-Ddemo.faults=" + Fault.GITLAB_DOWN.id());
        assertThat(run.code()).as(run.log()).isEqualTo(1);
        assertThat(run.log())
                .contains("duo-conformance: FAILED (exit code 1): 1 section(s) failed: gitlab-reachable")
                .contains("[gitlab-reachable] GitLab's API answers at gitlab.url from this runner")
                .containsPattern(
                        "gitlab-reachable \\*\\s+FAILED\\s+1\\. Check that GitLab is up: .*`curl -s http://127\\.0\\.0\\.1:\\d+/-/readiness`")
                .doesNotContain("[Help 1]")
                .doesNotContain("BUILD FAILURE")
                .doesNotContain("Tests run:");

        // Names a person reads wherever the results go: GitLab's test report (JUnit XML) and Allure's suite tree.
        String junit = Files.readString(Path.of("target/failsafe-reports/demo/TEST-duo-conformance.xml"));
        assertThat(junit)
                .contains(
                        "<testcase classname=\"gitlab-reachable\" name=\"[gitlab-reachable] GitLab's API answers GET /api/v4/version at gitlab.url\"")
                .contains("<failure message=\"[gitlab-reachable] GitLab's API answers at gitlab.url from this runner\"")
                .doesNotContain("Verdict)")
                .doesNotContain("dev.duoconformance");
        JsonNode result = resultOf(run.results(), "gitlab-reachable");
        assertThat(labels(result, "parentSuite")).containsExactly("demo");
        assertThat(labels(result, "suite")).containsExactly("GitLab");
        assertThat(labels(result, "subSuite")).singleElement().asString().startsWith("gitlab-reachable: ");
        assertThat(labels(result, "severity")).containsExactly("blocker");
        assertThat(result.path("parameters").findValuesAsText("name")).contains("environment");
        assertThat(result.path("links").findValuesAsText("url"))
                .contains("https://docs.gitlab.com/administration/monitoring/health_check/");
    }

    private static JsonNode resultOf(Path results, String section) throws IOException {
        try (Stream<Path> files = Files.list(results)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith("-result.json")).toList()) {
                JsonNode result = new ObjectMapper().readTree(file.toFile());
                if (labels(result, "section").contains(section)) {
                    return result;
                }
            }
        }
        throw new AssertionError("no Allure result of " + section + " in " + results);
    }

    private static List<String> labels(JsonNode result, String name) {
        List<String> values = new ArrayList<>();
        result.path("labels").forEach(l -> {
            if (name.equals(l.path("name").asText())) {
                values.add(l.path("value").asText());
            }
        });
        return values;
    }

    @Test
    void aConfigurationOrUsageErrorExitsTwoBeforeAnyCheck() throws Exception {
        for (List<String> arguments : List.of(
                List.of("-Denv=no-such-environment"),
                List.of("-Denv=../escape"),
                List.of("-Denv=demo", "-Dgroups=vlm-404"))) {
            Run run = verify(arguments.toArray(String[]::new));
            assertThat(run.code()).as(arguments + "\n" + run.log()).isEqualTo(2);
            assertThat(run.log())
                    .as(arguments.toString())
                    .doesNotContain("SECTION")
                    .doesNotContain("[Help 1]");
        }
    }

    @Test
    void aTestJvmThatDiesIsTheSuitesFailureExitThree() throws Exception {
        // Failsafe kills the test JVM after one second: the run ends without a summary of its own.
        Run run = verify("-Denv=demo", "-Dfailsafe.timeout=1");
        assertThat(run.code()).as(run.log()).isEqualTo(3);
        assertThat(run.log()).contains("duo-conformance: SUITE ERROR (exit code 3)");
    }

    private record Run(int code, String log, Path results) {}

    private Run verify(String... arguments) throws IOException {
        Path mvn = Path.of(System.getProperty("maven.home", "/usr/share/maven"), "bin", "mvn");
        Path results = Files.createTempDirectory(work, "results");
        List<String> command = new ArrayList<>(List.of(
                mvn.toString(),
                "-B",
                "-ntp",
                "verify",
                "-Dallure.results.dir=" + results.resolve("env"),
                "-Dallure.report.dir=" + results.resolve("report")));
        command.addAll(List.of(arguments));
        Path log = results.resolve("build.log");
        Process build = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        await("the build " + command)
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> !build.isAlive());
        return new Run(build.exitValue(), Files.readString(log), results.resolve("env"));
    }

    private static List<String> linesBefore(String marker, String log) {
        List<String> lines = log.lines().toList();
        return lines.subList(
                0,
                Math.max(
                        0,
                        lines.stream()
                                .filter(l -> l.startsWith(marker))
                                .findFirst()
                                .map(lines::indexOf)
                                .orElse(0)));
    }
}
