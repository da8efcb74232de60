package dev.duoconformance.rules.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.http.Exchange;
import dev.duoconformance.http.TransportError;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How gitlab-reachable reads an answer. The demo's faults prove a closed port, 502/503 pages and an SSO redirect end to
 * end; a host that does not resolve is proved here, from the transport's own classification, because a test may not
 * send a DNS query off this machine.
 */
class GitLabReachableTest {
    private static final String JSON = "application/json";

    @Test
    void anUnresolvableHostIsUnreachable() {
        TransportError error = TransportError.classify(new UnknownHostException("gitlab.internal"), "gitlab.internal");
        assertThat(GitLabReachable.cause(Exchange.failed("GET https://gitlab.internal/api/v4/version", error, "")))
                .contains("unreachable");
        assertThat(error.detail()).contains("does not resolve");
    }

    @Test
    void gitLabsApiAnswersCountWhateverTheTokenSays() {
        assertThat(GitLabReachable.cause(answer(200, JSON, "{\"version\":\"18.6.1-ee\"}")))
                .isEmpty();
        assertThat(GitLabReachable.cause(answer(401, JSON, "{\"message\":\"401 Unauthorized\"}")))
                .isEmpty();
        assertThat(GitLabReachable.cause(answer(403, JSON, "{\"message\":\"403 Forbidden\"}")))
                .isEmpty();
    }

    @Test
    void anOutageAndAnotherServerAreNotGitLabsApi() {
        assertThat(GitLabReachable.cause(answer(504, "text/html", "<html><title>504 Gateway Time-out</title></html>")))
                .contains("outage");
        assertThat(GitLabReachable.cause(answer(500, JSON, "{\"message\":\"500 Internal Server Error\"}")))
                .contains("outage");
        assertThat(GitLabReachable.cause(
                        answer(200, "text/html", "<!DOCTYPE html><html><title>Sign in</title></html>")))
                .contains("not-the-api");
        assertThat(GitLabReachable.cause(answer(404, JSON, "{\"error\":\"not found\"}")))
                .contains("not-the-api");
        assertThat(GitLabReachable.cause(answer(200, JSON, "[1,2]"))).contains("not-the-api");
        assertThat(GitLabReachable.cause(answer(200, JSON, "{}")))
                .as("a proxy's JSON that is not GitLab's version")
                .contains("not-the-api");
        assertThat(GitLabReachable.cause(answer(400, JSON, "{\"error\":\"bad request\"}")))
                .contains("not-the-api");
    }

    private static Exchange answer(int status, String type, String body) {
        return Exchange.answered(
                "GET https://gitlab.example.com/api/v4/version", status, Map.of("content-type", type), body, "");
    }
}
