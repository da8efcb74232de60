package dev.duoconformance.simulator.aigw;

import com.fasterxml.jackson.databind.JsonNode;
import dev.duoconformance.simulator.gitlab.GitLabTokenIssuer;
import dev.duoconformance.simulator.server.SimServer;
import dev.duoconformance.simulator.server.SimServer.Request;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The AI gateway's OIDC provider for GitLab (gitlab-cloud-connector's {@code GitLabOidcProvider}): it fetches the
 * discovery document and JWKS from {@code AIGW_GITLAB_URL}, verifies the token's RS256 signature, issuer, audience
 * and expiry, and requires the Cloud Connector headers to match the token's claims.
 */
public final class OidcTokenValidator {
    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final java.util.function.Supplier<URI> gitlabUrl;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();

    /** {@code gitlabUrl} is the gateway's AIGW_GITLAB_URL, known once GitLab runs. */
    public OidcTokenValidator(java.util.function.Supplier<URI> gitlabUrl) {
        this.gitlabUrl = gitlabUrl;
    }

    /** Why the request's token is refused, as the gateway's 401 {@code {"error":…}} says it; empty when it is valid. */
    public Optional<String> refusal(Request request) {
        String[] parts = request.header("authorization")
                .orElse("")
                .substring("Bearer ".length())
                .split("\\.");
        if (parts.length != 3) {
            return Optional.of("Forbidden by auth provider"); // JWSError: Not enough segments
        }
        try {
            JsonNode header = SimServer.JSON.readTree(BASE64URL.decode(parts[0]));
            JsonNode claims = SimServer.JSON.readTree(BASE64URL.decode(parts[1]));
            PublicKey key = key(header.path("kid").asText());
            if (key == null) {
                return Optional.of(
                        "Forbidden by auth provider"); // CriticalAuthError: No keys founds in JWKS; are OIDC providers
                // up?
            }
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(BASE64URL.decode(parts[2]))
                    || !normalized(claims.path("iss").asText())
                            .equals(normalized(gitlabUrl.get().toString()))
                    || !GitLabTokenIssuer.AUDIENCE.equals(claims.path("aud").asText())
                    || claims.path("exp").asLong() < Instant.now().getEpochSecond()) {
                return Optional.of("Forbidden by auth provider"); // JWTError: Signature verification failed
            }
            return headerMismatch(request, claims);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.of("Forbidden by auth provider");
        }
    }

    private static Optional<String> headerMismatch(Request request, JsonNode claims) {
        Map<String, String> expected = Map.of(
                "X-Gitlab-Realm", claims.path("gitlab_realm").asText(),
                "X-Gitlab-Instance-Id", claims.path("gitlab_instance_id").asText(),
                "X-Gitlab-Global-User-Id", claims.path("sub").asText());
        for (var header : expected.entrySet()) {
            Optional<String> value = request.header(header.getKey());
            if (value.isEmpty()) {
                return Optional.of("Header is missing: '" + header.getKey() + "'");
            }
            if (!value.get().equals(header.getValue())) {
                return Optional.of("Header mismatch '" + header.getKey() + "'");
            }
        }
        return Optional.empty();
    }

    /** The signing key by id, fetched from GitLab once it is first needed (and again for an unknown id). */
    private PublicKey key(String keyId) {
        PublicKey known = keys.get(keyId);
        if (known != null) {
            return known;
        }
        try {
            JsonNode discovery =
                    fetch(URI.create(normalized(gitlabUrl.get().toString()) + "/.well-known/openid-configuration"));
            for (JsonNode jwk :
                    fetch(URI.create(discovery.path("jwks_uri").asText())).path("keys")) {
                BigInteger modulus =
                        new BigInteger(1, BASE64URL.decode(jwk.path("n").asText()));
                BigInteger exponent =
                        new BigInteger(1, BASE64URL.decode(jwk.path("e").asText()));
                keys.put(
                        jwk.path("kid").asText(),
                        KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent)));
            }
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        return keys.get(keyId);
    }

    private JsonNode fetch(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + uri);
        }
        return SimServer.JSON.readTree(response.body());
    }

    private static String normalized(String url) {
        return url.replaceAll("/+$", "");
    }
}
