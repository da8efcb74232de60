package dev.duoconformance.selftest;

import dev.duoconformance.simulator.server.Certificates;
import dev.duoconformance.simulator.server.SimServer;
import dev.duoconformance.simulator.server.SimServer.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The GitLab that the AI gateway stand-in validates tokens against, on the host's loopback over HTTPS with a
 * private CA: its OIDC discovery document, its signing keys, and the {@code /api/v4/projects} of the doc's probe.
 */
final class GitLabOidcStandIn implements AutoCloseable {
    private final SimServer server;

    GitLabOidcStandIn(Certificates.Authority authority) {
        this.server = SimServer.https("gitlab", authority.serverContext("127.0.0.1", "localhost"));
        server.route(
                        "GET",
                        "/\\.well-known/openid-configuration",
                        r -> Response.json(
                                200,
                                Map.of(
                                        "issuer", url().toString(),
                                        "jwks_uri", url() + "/oauth/discovery/keys",
                                        "id_token_signing_alg_values_supported", List.of("RS256"))))
                .route(
                        "GET",
                        "/oauth/discovery/keys",
                        r -> Response.json(
                                200,
                                Map.of(
                                        "keys",
                                        List.of(Map.of(
                                                "kty",
                                                "RSA",
                                                "kid",
                                                "selftest",
                                                "use",
                                                "sig",
                                                "alg",
                                                "RS256",
                                                "e",
                                                "AQAB",
                                                "n",
                                                "c2VsZnRlc3Q")))))
                .route("GET", "/api/v4/projects", r -> Response.json(200, "[]"))
                .start();
    }

    URI url() {
        return server.url();
    }

    @Override
    public void close() {
        server.close();
    }
}
