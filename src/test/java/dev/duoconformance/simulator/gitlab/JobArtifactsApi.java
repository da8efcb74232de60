package dev.duoconformance.simulator.gitlab;

import dev.duoconformance.simulator.server.SimServer;
import dev.duoconformance.simulator.server.SimServer.Request;
import dev.duoconformance.simulator.server.SimServer.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * GitLab's job artifacts API as the upgrade gate's baseline fetch meets it:
 * {@code GET /api/v4/projects/:id/jobs/artifacts/:ref_name/raw/*artifact_path?job=<name>} (lib/api/ci/job_artifacts.rb,
 * doc/api/job_artifacts.md "Download a single artifact file from specific tag or branch"). The file comes from the job of
 * that name in the newest successful pipeline of the ref (Project#latest_successful_build_for_ref); 404 when there is
 * no such pipeline, job or file ({@code ActiveRecord::RecordNotFound}, rendered by lib/api/api.rb as
 * {@code {"message":"404 Not found"}}); 400 for a path with {@code ..} (Gitlab::Ci::Build::Artifacts::Path#valid?); 401
 * for a token GitLab does not know; 403 for a user who may not read the project's builds (authorize_read_builds!).
 * A CI/CD job token comes in {@code JOB-TOKEN}, an access token in {@code PRIVATE-TOKEN}.
 */
public final class JobArtifactsApi implements AutoCloseable {
    /** The running job's CI_JOB_TOKEN, and an access token whose user is only a Guest: canaries no output may show. */
    public static final String JOB_TOKEN = "glcbt-sim-job-canary-7c41e9a2";

    public static final String GUEST_TOKEN = "glpat-sim-guest-canary-2b8d5f16";
    public static final String PROJECT_ID = "42";

    /** The newest successful pipeline of each ref: job name → (artifact path → content). */
    private final Map<String, Map<String, Map<String, String>>> successfulPipelines = new ConcurrentHashMap<>();

    private volatile Function<Request, Optional<Response>> answerInstead = r -> Optional.empty();
    private volatile boolean viaObjectStorage;
    private final SimServer server;

    public JobArtifactsApi() {
        this.server = SimServer.http("gitlab")
                .whenUnknown(r -> Response.json(404, Map.of("error", "404 Not Found")))
                .route("GET", "/api/v4/projects/([^/]+)/jobs/artifacts/([^/]+)/raw/(.+)", this::raw)
                .route("GET", "/object-storage/(.+)", this::objectStorage)
                .start();
    }

    /** The newest successful pipeline on {@code ref} now has a job {@code job} with these artifact files. */
    public JobArtifactsApi succeeded(String ref, String job, Map<String, String> files) {
        successfulPipelines.computeIfAbsent(ref, r -> new ConcurrentHashMap<>()).put(job, Map.copyOf(files));
        return this;
    }

    /** Answers the artifact request with what {@code instead} gives (a hostile or odd answer), before GitLab's own logic. */
    public JobArtifactsApi answering(Function<Request, Optional<Response>> instead) {
        this.answerInstead = instead;
        return this;
    }

    /**
     * Artifacts kept in object storage without proxy download: GitLab answers with a redirect to a pre-signed URL (hence
     * the doc's {@code curl --location}). The storage refuses a request that carries a GitLab token: it must never get one.
     */
    public JobArtifactsApi viaObjectStorage() {
        this.viaObjectStorage = true;
        return this;
    }

    public URI apiUrl() {
        return URI.create(server.url() + "/api/v4");
    }

    public SimServer server() {
        return server;
    }

    private Response raw(Request request) {
        Optional<Response> instead = answerInstead.apply(request);
        if (instead.isPresent()) {
            return instead.get();
        }
        String jobToken = request.header("job-token").orElse(null);
        String accessToken = request.header("private-token").orElse(null);
        if (jobToken == null && accessToken == null) {
            // A private project is hidden from an anonymous caller (find_project! → not_found!).
            return Response.json(404, Map.of("message", "404 Project Not Found"));
        }
        if (!JOB_TOKEN.equals(jobToken) && !GUEST_TOKEN.equals(accessToken)) {
            return Response.json(401, Map.of("message", "401 Unauthorized"));
        }
        if (GUEST_TOKEN.equals(accessToken)) {
            return Response.json(403, Map.of("message", "403 Forbidden"));
        }
        if (!PROJECT_ID.equals(decode(request.match().group(1)))) {
            return Response.json(404, Map.of("message", "404 Project Not Found"));
        }
        String path = Arrays.stream(request.match().group(3).split("/"))
                .map(JobArtifactsApi::decode)
                .collect(Collectors.joining("/"));
        if (Arrays.asList(path.split("/")).contains("..")) {
            return Response.json(400, Map.of("message", "400 Bad request"));
        }
        String job = query(request, "job").orElse("");
        if (job.isEmpty()) {
            return Response.json(400, Map.of("error", "job is missing"));
        }
        String content = successfulPipelines
                .getOrDefault(decode(request.match().group(2)), Map.of())
                .getOrDefault(job, Map.of())
                .get(path);
        if (content == null) {
            return Response.json(404, Map.of("message", "404 Not found"));
        }
        if (viaObjectStorage) {
            return new Response(
                    302,
                    Map.of(
                            "Location",
                            server.url() + "/object-storage/" + request.match().group(2) + "/"
                                    + request.match().group(3) + "/" + job
                                    + "?X-Amz-Signature=sim-presigned-canary-0d3e"),
                    "");
        }
        // Workhorse streams the entry out of the archive as plain text (doc: "streamed to the client with the
        // plain/text content type").
        return new Response(200, Map.of("Content-Type", "text/plain; charset=utf-8"), content);
    }

    private Response objectStorage(Request request) {
        if (request.header("job-token").isPresent()
                || request.header("private-token").isPresent()) {
            return new Response(
                    403, Map.of("Content-Type", "application/xml"), "<Error><Code>AccessDenied</Code></Error>");
        }
        String[] parts = request.match().group(1).split("/");
        String ref = decode(parts[0]);
        String job = decode(parts[parts.length - 1]);
        String path = Arrays.stream(parts, 1, parts.length - 1)
                .map(JobArtifactsApi::decode)
                .collect(Collectors.joining("/"));
        String content = successfulPipelines
                .getOrDefault(ref, Map.of())
                .getOrDefault(job, Map.of())
                .get(path);
        return content == null
                ? new Response(404, Map.of(), "")
                : new Response(200, Map.of("Content-Type", "application/octet-stream"), content);
    }

    private static Optional<String> query(Request request, String name) {
        return Optional.ofNullable(request.query()).stream()
                .flatMap(q -> Arrays.stream(q.split("&")))
                .filter(p -> p.startsWith(name + "="))
                .map(p -> decode(p.substring(name.length() + 1)))
                .findFirst();
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close();
    }
}
