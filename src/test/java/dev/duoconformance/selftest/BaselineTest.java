package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.ci.Baseline;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.report.Compare;
import dev.duoconformance.simulator.gitlab.JobArtifactsApi;
import dev.duoconformance.simulator.server.SimServer.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade gate's baseline in GitLab CI: each environment's summary from the last successful pipeline on the default
 * branch, through the simulated job artifacts API, never from the runner's cache. Found, none (loud, failing unless
 * accepted), a refused token, and hostile answers; the token never shows.
 */
class BaselineTest {
    private static final String PATH = "duo-conformance/prod/" + RunPaths.SUMMARY_FILE;

    @TempDir
    Path project;

    private JobArtifactsApi gitlab;

    @BeforeEach
    void start() throws IOException {
        gitlab = new JobArtifactsApi();
        Files.createDirectories(project.resolve("allure-results/prod"));
    }

    @AfterEach
    void stop() {
        gitlab.close();
    }

    /** A summary as a run writes it, with the outcome of each section given. */
    private static String summary(String env, Map<String, String> outcomes) {
        StringBuilder sections = new StringBuilder();
        outcomes.forEach((id, outcome) -> sections.append(sections.length() == 0 ? "" : ",")
                .append("{\"id\":\"")
                .append(id)
                .append("\",\"outcome\":\"")
                .append(outcome)
                .append("\",\"detail\":\"")
                .append(outcome.equals("not_checked") ? "blocked by gitlab-reachable" : "")
                .append("\"}"));
        long checked =
                outcomes.values().stream().filter(o -> !o.equals("not_checked")).count();
        return "{\"env\":\"" + env
                + "\",\"gitlab_version\":\"18.6.1-ee\",\"started_at\":\"2026-03-01T07:50:00Z\",\"duration_ms\":41000,"
                + "\"coverage\":{\"checked\":" + checked + ",\"applicable\":" + outcomes.size() + "},\"sections\":["
                + sections + "]}";
    }

    private static final Map<String, String> HEALTHY =
            Map.of("vllm-404", "passed", "ai-gateway-url", "passed", "duo-health-check", "passed");

    private void headRun(Map<String, String> outcomes) throws IOException {
        Files.writeString(
                project.resolve("allure-results/prod").resolve(RunPaths.SUMMARY_FILE), summary("prod", outcomes));
    }

    @Test
    void theLastSuccessfulPipelinesSummaryIsTheBaselineAndTheGateComparesWithIt() throws Exception {
        gitlab.succeeded("main", "duo-matrix", Map.of(PATH, summary("prod", HEALTHY)));
        headRun(Map.of("vllm-404", "failed", "ai-gateway-url", "passed", "duo-health-check", "passed"));

        BoundedProcess fetched = baseline(ciVariables(JobArtifactsApi.JOB_TOKEN));
        assertThat(fetched.exitCode()).as(fetched.output()).isZero();
        assertThat(fetched.output())
                .contains(
                        "duo-conformance baseline: prod: GitLab 18.6.1-ee · 2026-03-01 07:50 UTC · 41 s · 3 of 3 sections checked"
                                + " (the last successful pipeline on main)");
        assertThat(project.resolve("allure-results/prod").resolve(RunPaths.BASELINE_SUMMARY_FILE))
                .isRegularFile();
        assertThat(gitlab.server().received())
                .singleElement()
                .satisfies(r -> assertThat(r.path()).isEqualTo("/api/v4/projects/42/jobs/artifacts/main/raw/" + PATH));

        BoundedProcess gate = compare("-Dcompare.failOn=regression");
        assertThat(gate.exitCode()).as(gate.output()).isEqualTo(1);
        assertThat(gate.output()).contains("| `vllm-404` | passed | failed | **regression** |");

        headRun(HEALTHY);
        assertThat(compare("-Dcompare.failOn=regression").exitCode()).isZero();
    }

    @Test
    void aBaselineInObjectStorageIsFollowedWithoutTheToken() throws Exception {
        gitlab.succeeded("main", "duo-matrix", Map.of(PATH, summary("prod", HEALTHY)))
                .viaObjectStorage();

        BoundedProcess fetched = baseline(ciVariables(JobArtifactsApi.JOB_TOKEN));

        assertThat(fetched.exitCode()).as(fetched.output()).isZero();
        assertThat(project.resolve("allure-results/prod").resolve(RunPaths.BASELINE_SUMMARY_FILE))
                .isRegularFile();
        assertThat(gitlab.server().received())
                .extracting(r -> r.path().split("/")[1])
                .containsExactly("api", "object-storage");
        assertThat(fetched.output()).doesNotContain("sim-presigned-canary");
    }

    @Test
    void noBaselineIsLoudAndFailsTheGateUnlessTheFirstRunIsAccepted() throws Exception {
        headRun(HEALTHY);
        // A stale file from an earlier fetch is no baseline.
        Files.writeString(
                project.resolve("allure-results/prod").resolve(RunPaths.BASELINE_SUMMARY_FILE),
                summary("prod", HEALTHY));

        BoundedProcess fetched = baseline(ciVariables(JobArtifactsApi.JOB_TOKEN));
        assertThat(fetched.exitCode()).as(fetched.output()).isZero();
        assertThat(fetched.output())
                .contains("duo-conformance baseline: no baseline for prod: GitLab has no successful pipeline on main"
                        + " whose duo-matrix job kept " + PATH + " (HTTP 404 for GET " + gitlab.apiUrl()
                        + "/projects/42/jobs/artifacts/main/raw/" + PATH
                        + "?job=duo-matrix)");
        assertThat(project.resolve("allure-results/prod").resolve(RunPaths.BASELINE_SUMMARY_FILE))
                .doesNotExist();

        BoundedProcess gate = compare("-Dcompare.failOn=regression");
        assertThat(gate.exitCode()).isEqualTo(1);
        assertThat(gate.output())
                .contains("duo-conformance compare: no baseline: ")
                .contains("-Dcompare.acceptNoBaseline=true");

        BoundedProcess accepted = compare("-Dcompare.failOn=regression", "-Dcompare.acceptNoBaseline=true");
        assertThat(accepted.exitCode()).isZero();
        assertThat(accepted.output()).contains("no baseline: ").contains("accepted as the first run");
    }

    @Test
    void aTokenGitLabRefusesOrNoTokenIsASetupErrorAndNoTokenIsEverPrinted() throws Exception {
        Map<String, String> wrong = ciVariables("glcbt-wrong-canary-11aa22bb");
        BoundedProcess refused = baseline(wrong);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output())
                .contains("GitLab refused the token (HTTP 401 for GET ")
                .contains("CI_JOB_TOKEN is valid only while its job runs")
                .doesNotContain("glcbt-wrong-canary-11aa22bb")
                .hasLineCount(1);

        Map<String, String> guest = ciVariables(JobArtifactsApi.JOB_TOKEN);
        guest.put("DUO_BASELINE_TOKEN", JobArtifactsApi.GUEST_TOKEN);
        BoundedProcess forbidden = baseline(guest);
        assertThat(forbidden.exitCode()).isEqualTo(2);
        assertThat(forbidden.output())
                .contains("GitLab refused to show the project's job artifacts to DUO_BASELINE_TOKEN (HTTP 403")
                .contains("Reporter role")
                .doesNotContain(JobArtifactsApi.GUEST_TOKEN, JobArtifactsApi.JOB_TOKEN);

        Map<String, String> elsewhere = ciVariables(JobArtifactsApi.JOB_TOKEN);
        elsewhere.put("CI_PROJECT_ID", "43");
        BoundedProcess hidden = baseline(elsewhere);
        assertThat(hidden.exitCode()).as(hidden.output()).isEqualTo(2);
        assertThat(hidden.output())
                .contains("GitLab does not show project 43 to CI_JOB_TOKEN (HTTP 404 Project Not Found")
                .doesNotContain("no baseline");

        Map<String, String> none = ciVariables(null);
        BoundedProcess missing = baseline(none);
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.output()).contains("no token to read GitLab's job artifacts: CI_JOB_TOKEN is not set");
        assertThat(gitlab.server().received()).hasSize(3);
    }

    @Test
    void hostileAnswersAreNoBaselineAndNeverEchoTheToken() throws Exception {
        Map<String, String> cases = Map.of(
                "oversized", "is not a duo-conformance summary: it is larger than 1 MiB",
                "html", "is not a duo-conformance summary: HTTP 200 with an HTML page titled 'Sign in",
                "other-env", "is not a duo-conformance summary: it is the summary of environment 'staging'",
                "echo", "GitLab's job artifacts API answered HTTP 500",
                "escape", "is not a duo-conformance summary: HTTP 200",
                "outage", "GitLab's job artifacts API answered HTTP 502 with an HTML page titled '502 Whoops");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            gitlab.answering(r -> Optional.of(
                    switch (c.getKey()) {
                        case "oversized" ->
                            Response.streamed(200, Map.of("Content-Type", "text/plain"), 0, (out, pacing) -> {
                                byte[] block =
                                        ("{\"sections\":[" + "\"x\",".repeat(1000)).getBytes(StandardCharsets.UTF_8);
                                for (int i = 0; i < 2000 && pacing.pause(Duration.ZERO); i++) {
                                    out.write(block);
                                }
                            });
                        case "html" ->
                            new Response(
                                    200,
                                    Map.of("Content-Type", "text/html"),
                                    "<!DOCTYPE html><html><head><title>Sign in · GitLab</title></head></html>");
                        case "other-env" -> Response.text(200, summary("staging", HEALTHY));
                        case "escape" -> Response.text(200, "\u001b]0;pwned\u0007\u001b[2J not json");
                        case "echo" ->
                            Response.json(
                                    500,
                                    Map.of(
                                            "message",
                                            "500 Internal Server Error: JOB-TOKEN "
                                                    + r.header("job-token").orElse("")));
                        default ->
                            new Response(
                                    502,
                                    Map.of("Content-Type", "text/html"),
                                    "<html><head><title>502 Whoops, GitLab is taking too much time to respond."
                                            + "</title></head></html>");
                    }));
            BoundedProcess fetched = baseline(ciVariables(JobArtifactsApi.JOB_TOKEN));
            assertThat(fetched.exitCode())
                    .as(c.getKey() + ": " + fetched.output())
                    .isEqualTo(2);
            assertThat(fetched.output())
                    .as(c.getKey())
                    .contains(c.getValue())
                    .doesNotContain(JobArtifactsApi.JOB_TOKEN, "Exception", "\tat ", "\u001b");
            assertThat(project.resolve("allure-results/prod"))
                    .as(c.getKey())
                    .isDirectoryNotContaining(
                            p -> p.getFileName().toString().startsWith(RunPaths.BASELINE_SUMMARY_FILE));
        }
    }

    private Map<String, String> ciVariables(String jobToken) {
        Map<String, String> variables = new java.util.HashMap<>(Map.of(
                "CI_API_V4_URL",
                gitlab.apiUrl().toString(),
                "CI_PROJECT_ID",
                JobArtifactsApi.PROJECT_ID,
                "CI_DEFAULT_BRANCH",
                "main"));
        if (jobToken != null) {
            variables.put("CI_JOB_TOKEN", jobToken);
        }
        return variables;
    }

    /** The command in this JVM (the others start one each, as the job does): its exit code and everything it printed. */
    private BoundedProcess baseline(Map<String, String> variables) {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(printed, true, StandardCharsets.UTF_8);
        int exit = Baseline.command(Map.of("envs", "prod")::get, variables::get, project, out, out);
        return new BoundedProcess(exit, printed.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theCommandAsTheJobRunsIt() throws Exception {
        gitlab.succeeded("main", "duo-matrix", Map.of(PATH, summary("prod", HEALTHY)));

        BoundedProcess fetched =
                java(Baseline.class.getName(), ciVariables(JobArtifactsApi.JOB_TOKEN), List.of("-Denvs=prod"));
        assertThat(fetched.exitCode()).as(fetched.output()).isZero();
        assertThat(fetched.output().strip())
                .startsWith("duo-conformance baseline: prod: GitLab 18.6.1-ee")
                .endsWith("written to allure-results/prod/" + RunPaths.BASELINE_SUMMARY_FILE)
                .hasLineCount(1);

        BoundedProcess refused =
                java(Baseline.class.getName(), ciVariables("glcbt-wrong-canary-11aa22bb"), List.of("-Denvs=prod"));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.output())
                .startsWith("duo-conformance baseline: GitLab refused the token")
                .doesNotContain("glcbt-wrong-canary");
    }

    private BoundedProcess compare(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of("-Dbase=prod@baseline", "-Dhead=prod"));
        args.addAll(List.of(options));
        return java(Compare.class.getName(), Map.of(), args);
    }

    /** A command as the component's job runs it: its own JVM in the project folder, with the job's variables only. */
    private BoundedProcess java(String main, Map<String, String> variables, List<String> options) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path")));
        command.addAll(options);
        command.add(main);
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile());
        builder.environment()
                .keySet()
                .removeIf(k -> k.startsWith("CI_")
                        || k.equals("DUO_BASELINE_TOKEN")
                        || k.endsWith("_PROXY")
                        || k.endsWith("_proxy"));
        builder.environment().putAll(variables);
        return BoundedProcess.run(builder, Duration.ofMinutes(1));
    }
}
