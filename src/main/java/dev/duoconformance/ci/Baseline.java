package dev.duoconformance.ci;

import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.config.ConfigurationException;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.EnvironmentLoader;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.config.Secret;
import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.Redactor;
import dev.duoconformance.http.RequestSpecs;
import dev.duoconformance.http.Transport;
import dev.duoconformance.http.TrustMaterial;
import dev.duoconformance.report.Side;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Fetches each environment's baseline for the upgrade gate: its summary from the last successful pipeline on the default
 * branch, through GitLab's job artifacts API, into {@code allure-results/<env>/duo-conformance-summary.baseline.json}
 * ({@code compare -Dbase=<env>@baseline} reads it). Not the runner's cache: a fresh runner has the same baseline as any other.
 *
 * <p>{@code GET /api/v4/projects/:id/jobs/artifacts/:ref_name/raw/*artifact_path?job=<name>} (GitLab's doc/api/job_artifacts.md,
 * "Download a single artifact file from specific tag or branch"; lib/api/ci/job_artifacts.rb): the job of that name in the
 * newest pipeline of the ref whose status is {@code success} (Project#latest_successful_build_for_ref, Ci::Pipeline
 * .latest_successful_for_ref), whatever that job's own status; 404 {@code "404 Not found"} when there is no such pipeline,
 * job, artifact or file, 404 {@code "404 Project Not Found"} when the token may not see the project, 400 for an invalid
 * path, 401 for a token GitLab does not accept, 403 for one that may not read the project's jobs.
 * It accepts {@code CI_JOB_TOKEN} in the {@code JOB-TOKEN} header (route_setting job_token_allowed), or an access token with
 * {@code read_api} in {@code PRIVATE-TOKEN}.
 *
 * <p>Read from the process environment (GitLab CI's predefined variables; each a {@code -Dbaseline.*} property overrides):
 * {@code CI_API_V4_URL}, {@code CI_PROJECT_ID}, {@code CI_DEFAULT_BRANCH}; the token from {@code DUO_BASELINE_TOKEN}
 * (an access token) or else {@code CI_JOB_TOKEN}, never from a property (a command line is visible to every process).
 * Every read is bounded: connect and request timeouts, a deadline, at most 1 MiB of body; a token is never printed.
 *
 * <p>Exit codes: 0 every environment answered (with a baseline or, loudly, with none: the gate decides); 2 the fetch
 * cannot work as set up (no token, refused token, GitLab unreachable, a body that is not a summary); 3 a bug of the suite.
 */
public final class Baseline {
    /** The job whose artifacts hold every environment's summary (the component's matrix job, which runs whatever the checks found). */
    static final String DEFAULT_JOB = "duo-matrix";
    /** Where that job keeps an environment's summary, beside its report ({@code {env}} is replaced). */
    static final String DEFAULT_PATH = "duo-conformance/{env}/" + RunPaths.SUMMARY_FILE;

    private static final int MAX_REDIRECTS = 3;

    /** What GitLab said about one environment's baseline: the summary it kept, or why there is none. */
    record Answer(Optional<Side> side, String noBaselineReason) {
        static Answer found(Side side) {
            return new Answer(Optional.of(side), "");
        }

        static Answer none(String reason) {
            return new Answer(Optional.empty(), reason);
        }
    }

    private final URI api;
    private final String project;
    private final String ref;
    private final String job;
    private final String artifactPath;
    private final Secret token;
    private final boolean jobToken;
    private final Transport transport;
    private final RequestSpecs specs;
    private final Redactor redactor;

    Baseline(
            URI api,
            String project,
            String ref,
            String job,
            String artifactPath,
            Secret token,
            boolean jobToken,
            Environment.Http http) {
        this.api = api;
        this.project = project;
        this.ref = ref;
        this.job = job;
        this.artifactPath = artifactPath;
        this.token = token;
        this.jobToken = jobToken;
        this.redactor = new Redactor(List.of(token));
        this.transport = new Transport(http.connectTimeout(), http.requestTimeout(), redactor);
        this.specs = new RequestSpecs(http, TrustMaterial.of(http.caBundle()));
    }

    public static void main(String[] args) {
        System.exit(command(System::getProperty, System::getenv, Path.of(""), System.out, System.err));
    }

    /** The command in {@code project} (where {@code allure-results/} is): its output, and its exit code. */
    public static int command(
            Function<String, String> properties,
            Function<String, String> environment,
            Path project,
            PrintStream out,
            PrintStream err) {
        try {
            run(properties, environment, project, out);
            return 0;
        } catch (ConfigurationException | IllegalArgumentException e) {
            err.println("duo-conformance baseline: " + e.getMessage());
            return 2;
        } catch (RuntimeException | Error e) {
            err.println("duo-conformance baseline: internal error, a bug of the suite (please report it): "
                    + e.getClass().getName());
            return 3;
        }
    }

    private static void run(
            Function<String, String> properties, Function<String, String> environment, Path project, PrintStream out) {
        List<String> envs = Arrays.stream(
                        Optional.ofNullable(properties.apply("envs")).orElse("").split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (envs.isEmpty()) {
            throw new IllegalArgumentException("Give the environments: -Denvs=staging,prod");
        }
        for (String env : envs) {
            if (env.length() > 100 || !EnvironmentLoader.NAME.matcher(env).matches()) {
                throw new IllegalArgumentException(
                        "'" + env
                                + "' is not an environment name (letters, digits, '-', '_' and '.', starting with a letter or digit)");
            }
        }
        Secret own = Secret.of(environment.apply("DUO_BASELINE_TOKEN"));
        Secret token = own.isPresent() ? own : Secret.of(environment.apply("CI_JOB_TOKEN"));
        if (!token.isPresent()) {
            throw new IllegalArgumentException(
                    "no token to read GitLab's job artifacts: CI_JOB_TOKEN is not set (this runs in a GitLab CI job)"
                            + " and neither is DUO_BASELINE_TOKEN (an access token with read_api, for a run outside CI).");
        }
        String api = setting("baseline.api", "CI_API_V4_URL", properties, environment);
        URI apiUrl;
        try {
            apiUrl = URI.create(api.replaceAll("/+$", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + api + "' (CI_API_V4_URL or -Dbaseline.api) is not a URL");
        }
        if (apiUrl.getScheme() == null
                || !List.of("http", "https").contains(apiUrl.getScheme())
                || apiUrl.getHost() == null
                || apiUrl.getRawUserInfo() != null
                || apiUrl.getRawQuery() != null) {
            throw new IllegalArgumentException(
                    "'" + api
                            + "' (CI_API_V4_URL or -Dbaseline.api) is not an http(s) URL of GitLab's API, e.g. https://gitlab.example.com/api/v4");
        }
        Optional<Path> ca = Optional.ofNullable(environment.apply("CI_SERVER_TLS_CA_FILE"))
                .filter(s -> !s.isBlank())
                .map(Path::of);
        Baseline baseline = new Baseline(
                apiUrl,
                setting("baseline.project", "CI_PROJECT_ID", properties, environment),
                setting("baseline.ref", "CI_DEFAULT_BRANCH", properties, environment),
                Optional.ofNullable(properties.apply("baseline.job"))
                        .filter(s -> !s.isBlank())
                        .orElse(DEFAULT_JOB),
                Optional.ofNullable(properties.apply("baseline.path"))
                        .filter(s -> !s.isBlank())
                        .orElse(DEFAULT_PATH),
                token,
                !own.isPresent(),
                EnvironmentLoader.httpOfProcess(environment, ca));
        try {
            for (String env : envs) {
                Path file = project.resolve(RunPaths.of(env).baselineSummary());
                Answer answer = baseline.fetch(env, file);
                out.println(answer.side()
                        .map(side -> "duo-conformance baseline: " + env + ": " + side.runShown()
                                + " (the last successful pipeline on " + baseline.ref + "), written to "
                                + project.relativize(file))
                        .orElse("duo-conformance baseline: no baseline for " + env + ": " + answer.noBaselineReason()));
            }
        } finally {
            baseline.transport.close();
        }
    }

    private static String setting(
            String property,
            String variable,
            Function<String, String> properties,
            Function<String, String> environment) {
        return Optional.ofNullable(properties.apply(property))
                .filter(s -> !s.isBlank())
                .or(() -> Optional.ofNullable(environment.apply(variable)).filter(s -> !s.isBlank()))
                .orElseThrow(() -> new IllegalArgumentException(
                        variable + " is not set (GitLab CI sets it in every job); outside CI give -D" + property));
    }

    /** Fetches one environment's baseline into {@code file} (removing a stale one first); a setup problem is an IllegalArgumentException. */
    Answer fetch(String env, Path file) {
        String path = artifactPath.replace("{env}", env);
        String request = "/projects/" + encode(project) + "/jobs/artifacts/" + encode(ref) + "/raw/"
                + Arrays.stream(path.split("/")).map(Baseline::encode).collect(Collectors.joining("/")) + "?job="
                + encode(job);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Exchange answer = transport.get(specs.gitlabApi(api, token, jobToken), request);
        for (int hops = 0; answer.answered() && answer.status() / 100 == 3 && hops < MAX_REDIRECTS; hops++) {
            answer = followRedirect(answer);
        }
        String shown = redactor.apply(answer.request().replaceAll("\\?.*", "") + "?job=" + job);
        if (!answer.answered()) {
            throw new IllegalArgumentException("GitLab's job artifacts API did not answer " + shown + ": "
                    + said(answer) + ". Check that this runner reaches " + api
                    + " (CI_API_V4_URL), through the proxy of HTTPS_PROXY/NO_PROXY if it needs one.");
        }
        return switch (answer.status()) {
            case 200 -> found(env, file, answer, shown);
            // A project the token may not see is a 404 too, told apart by its message (lib/api/helpers.rb find_project!
            // → not_found!('Project')).
            case 404 ->
                answer.json()
                                .map(j -> j.path("message").asText(""))
                                .filter(m -> m.contains("Project Not Found"))
                                .isPresent()
                        ? projectNotVisible(shown)
                        : Answer.none(
                                "GitLab has no successful pipeline on " + ref + " whose " + job + " job kept " + path
                                        + " (HTTP 404 for " + shown
                                        + "). That is so before the first successful pipeline on " + ref
                                        + ", after its artifacts expired, or for a new environment.");
            case 401 ->
                throw new IllegalArgumentException(
                        "GitLab refused the token (HTTP 401 for " + shown + "): " + tokenName()
                                + " is not a valid token for " + api + ". "
                                + (jobToken
                                        ? "CI_JOB_TOKEN is valid only while its job runs;"
                                                + " outside CI set DUO_BASELINE_TOKEN to an access token with read_api."
                                        : "Renew DUO_BASELINE_TOKEN (read_api)."));
            case 403 ->
                throw new IllegalArgumentException(
                        "GitLab refused to show the project's job artifacts to " + tokenName()
                                + " (HTTP 403 for " + shown + "): its user needs at least the Reporter role in project "
                                + project
                                + (jobToken
                                        ? " (the job token acts as the user who started the pipeline)"
                                        : " and the token read_api")
                                + ".");
            default ->
                throw new IllegalArgumentException(
                        "GitLab's job artifacts API answered " + said(answer) + " for " + shown + ".");
        };
    }

    private Answer projectNotVisible(String shown) {
        throw new IllegalArgumentException(
                "GitLab does not show project " + project + " to " + tokenName() + " (HTTP 404 Project Not Found for "
                        + shown
                        + "): CI_PROJECT_ID (or -Dbaseline.project) must be the project whose pipelines run the checks, and "
                        + (jobToken
                                ? "the job token reads only its own project (and those that allow it under Settings > CI/CD > Job token permissions)."
                                : "the token's user needs at least the Reporter role in it."));
    }

    private Exchange followRedirect(Exchange redirect) {
        URI from = URI.create(redirect.request().substring(redirect.request().indexOf(' ') + 1));
        URI to;
        try {
            to = from.resolve(redirect.header("location").orElse(""));
        } catch (IllegalArgumentException e) {
            return redirect;
        }
        // A download may be redirected to object storage or a CDN (the doc's `curl --location`): never with the token,
        // never to plain http from https.
        if (to.getHost() == null
                || !List.of("http", "https").contains(String.valueOf(to.getScheme()))
                || (from.getScheme().equals("https") && !to.getScheme().equals("https"))) {
            return redirect;
        }
        URI base = URI.create(to.getScheme() + "://" + to.getRawAuthority());
        String rest = to.getRawPath() + (to.getRawQuery() == null ? "" : "?" + to.getRawQuery());
        return transport.get(specs.withoutCredentials("gitlab", base), rest);
    }

    private Answer found(String env, Path file, Exchange answer, String shown) {
        String not = "The baseline GitLab sent for " + env + " (" + shown + ") is not a duo-conformance summary: ";
        if (answer.truncated()) {
            throw new IllegalArgumentException(not + "it is larger than 1 MiB.");
        }
        try {
            Files.createDirectories(file.getParent());
            Path fetched = Files.writeString(file.resolveSibling(file.getFileName() + ".part"), answer.body());
            Side side;
            try {
                side = Side.read(fetched, env + Side.BASELINE, Optional.empty());
            } catch (IllegalArgumentException e) {
                Files.deleteIfExists(fetched);
                throw new IllegalArgumentException(not + said(answer));
            }
            if (!side.env().equals(env)) {
                Files.deleteIfExists(fetched);
                throw new IllegalArgumentException(
                        not + "it is the summary of environment '" + redactor.apply(side.env()) + "'.");
            }
            Files.move(fetched, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return Answer.found(side);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What came back, in one line, without the token even if a hostile answer echoes it. */
    private String said(Exchange answer) {
        // The one output pipeline: masked, terminal controls neutralised, the quote shortened last; on one line.
        return Shown.plain(answer.outcome(), redactor).replace('\n', ' ');
    }

    private String tokenName() {
        return jobToken ? "CI_JOB_TOKEN" : "DUO_BASELINE_TOKEN";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
