package dev.duoconformance.simulator.gitlab;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.simulator.server.SimServer;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * GitLab's side of Cloud Connector on a self-hosted instance: it signs the JWTs it sends to the AI gateway with its
 * own RSA key (RS256) and publishes the public key at its OIDC discovery document and JWKS, where the gateway looks
 * it up (AIGW_GITLAB_URL).
 */
public final class GitLabTokenIssuer {
    public static final String AUDIENCE = "gitlab-ai-gateway";
    public static final String REALM = "self-managed";
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final KeyPair keys;
    private final String keyId = UUID.randomUUID().toString();
    private final String instanceId = UUID.randomUUID().toString();

    GitLabTokenIssuer() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            this.keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String instanceId() {
        return instanceId;
    }

    /** A token for the user, carrying the unit primitives (scopes) the request needs. */
    String issue(URI issuer, String globalUserId, List<String> scopes) {
        ObjectNode header = SimServer.JSON
                .createObjectNode()
                .put("alg", "RS256")
                .put("typ", "JWT")
                .put("kid", keyId);
        Instant now = Instant.now();
        ObjectNode claims = SimServer.JSON
                .createObjectNode()
                .put("iss", issuer.toString())
                .put("aud", AUDIENCE)
                .put("sub", globalUserId)
                .put("gitlab_realm", REALM)
                .put("gitlab_instance_id", instanceId)
                .put("jti", UUID.randomUUID().toString())
                .put("iat", now.getEpochSecond())
                .put("nbf", now.getEpochSecond())
                .put("exp", now.plus(Duration.ofHours(1)).getEpochSecond());
        scopes.forEach(claims.putArray("scopes")::add);
        String signingInput = encode(header.toString()) + "." + encode(claims.toString());
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(keys.getPrivate());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /.well-known/openid-configuration}. */
    ObjectNode discovery(URI issuer) {
        String base = issuer.toString().replaceAll("/+$", "");
        ObjectNode document = SimServer.JSON
                .createObjectNode()
                .put("issuer", base)
                .put("authorization_endpoint", base + "/oauth/authorize")
                .put("token_endpoint", base + "/oauth/token")
                .put("jwks_uri", base + "/oauth/discovery/keys");
        document.putArray("id_token_signing_alg_values_supported").add("RS256");
        return document;
    }

    /** {@code GET /oauth/discovery/keys}. */
    ObjectNode jwks() {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        ObjectNode jwks = SimServer.JSON.createObjectNode();
        jwks.putArray("keys")
                .addObject()
                .put("kty", "RSA")
                .put("kid", keyId)
                .put("use", "sig")
                .put("alg", "RS256")
                .put("n", unsigned(key.getModulus()))
                .put("e", unsigned(key.getPublicExponent()));
        return jwks;
    }

    private static String encode(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return BASE64URL.encodeToString(bytes);
    }
}
