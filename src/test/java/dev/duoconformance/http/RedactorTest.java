package dev.duoconformance.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.config.Secret;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void valuesOfSecretLookingVariablesAreMaskedAsAssignments() {
        Redactor redactor = new Redactor(List.of());

        assertThat(
                        redactor.apply(
                                "AIGW_MODEL_KEYS__MISTRAL_API_KEY=abc123 AWS_SECRET_ACCESS_KEY=wJalrXUtn GITLAB_TOKEN=glpat-1 DB_PASSWORD=hunter2 AIGW_GITLAB_URL=https://g/"))
                .isEqualTo(
                        "AIGW_MODEL_KEYS__MISTRAL_API_KEY=[REDACTED] AWS_SECRET_ACCESS_KEY=[REDACTED] GITLAB_TOKEN=[REDACTED] "
                                + "DB_PASSWORD=[REDACTED] AIGW_GITLAB_URL=https://g/");
    }

    @Test
    void valuesLearntFromAContainerAreMaskedWhereverTheyShowUp() {
        Redactor redactor = new Redactor(List.of(Secret.of("configured-secret")));
        redactor.alsoRedact(java.util.Map.of("AIGW_MODEL__API_KEY", "container-api-key-value"));

        assertThat(redactor.apply("log: sent container-api-key-value and configured-secret"))
                .isEqualTo("log: sent [REDACTED] and [REDACTED]");
    }

    @Test
    void remediationTextIsLeftAlone() {
        Redactor redactor = new Redactor(List.of());
        for (Locale language : List.of(Locale.ENGLISH, Locale.KOREAN)) {
            Catalogue catalogue = Catalogue.load(language);
            catalogue.ids().stream()
                    .map(catalogue::section)
                    .flatMap(s -> s.causes().values().stream())
                    .flatMap(List::stream)
                    .forEach(step -> assertThat(redactor.apply(step)).isEqualTo(step));
        }
        assertThat(redactor.apply("CLOUD_CONNECTOR_SELF_SIGN_TOKENS=1"))
                .isEqualTo("CLOUD_CONNECTOR_SELF_SIGN_TOKENS=1");
    }

    @Test
    void credentialsInUrlsAreMasked() {
        assertThat(new Redactor(List.of()).apply("HTTPS_PROXY=http://user:pa55@proxy.internal:3128"))
                .isEqualTo("HTTPS_PROXY=http://[REDACTED]@proxy.internal:3128");
    }

    @Test
    void namesDecideWhatLooksSecret() {
        assertThat(List.of(
                        "AIGW_SELF_SIGNED_JWT__SIGNING_KEY",
                        "aws_secret_access_key",
                        "AWS_BEARER_TOKEN_BEDROCK",
                        "PGPASSWORD"))
                .allMatch(Redactor::looksSecret);
        assertThat(List.of("AIGW_GITLAB_URL", "AIGW_CUSTOM_MODELS__ENABLED", "SSL_CERT_FILE"))
                .noneMatch(Redactor::looksSecret);
    }

    @Test
    void secretBearingNamesBeyondKeyAndTokenAreMaskedButSwitchesInAnAuthGroupAreNot() {
        assertThat(List.of(
                        "AIGW_DB__PASSWD",
                        "AIGW_DB__PASS",
                        "AIGW_GOOGLE__CREDENTIALS",
                        "GOOGLE_APPLICATION_CREDENTIAL",
                        "PROXY_AUTH",
                        "AIGW_SENTRY__DSN_AUTH"))
                .allMatch(Redactor::looksSecret);
        assertThat(List.of(
                        "AIGW_AUTH__BYPASS_EXTERNAL",
                        "AIGW_AUTH__BYPASS_EXTERNAL_WITH_HEADER",
                        "AIGW_PASSTHROUGH_MODE",
                        "KEYCLOAK_URL",
                        "CLOUD_CONNECTOR_SELF_SIGN_TOKENS"))
                .noneMatch(Redactor::looksSecret);
        assertThat(new Redactor(List.of()).apply("AIGW_DB__PASSWD=hunter22 AIGW_AUTH__BYPASS_EXTERNAL=true"))
                .isEqualTo("AIGW_DB__PASSWD=[REDACTED] AIGW_AUTH__BYPASS_EXTERNAL=true");
    }

    @Test
    void aSecretIsMaskedInEveryEncodingAServerMayEchoItIn() {
        String secret = "sk-canary/+&<\"'=9z";
        Redactor redactor = new Redactor(List.of(Secret.of(secret)));
        java.util.Base64.Encoder base64 = java.util.Base64.getEncoder();
        java.util.Base64.Encoder base64url = java.util.Base64.getUrlEncoder().withoutPadding();
        List<String> echoes = List.of(
                secret,
                base64.encodeToString(secret.getBytes()),
                base64.encodeToString(("Bearer " + secret).getBytes()),
                base64.encodeToString(("user:" + secret + " trailing").getBytes()),
                base64url.encodeToString(("xy" + secret).getBytes()),
                java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8),
                "sk-canary%2f%2b%26%3c%22%27%3d9z",
                "sk-canary/+\\u0026\\u003C\\\"'=9z".replace("\\u0026", "&").replace("\\u003C", "<"),
                "sk-canary\\/+&<\\\"'=9z",
                "sk-canary/+&amp;&lt;&quot;&#39;=9z");
        for (String echo : echoes) {
            String masked = redactor.apply("answer: " + echo + " end");
            assertThat(masked).as(echo).doesNotContain(echo).contains(Redactor.MASK);
        }
    }

    @Test
    void secretNamesBeyondTheLastFieldWordAreMasked() {
        assertThat(List.of(
                        "AIGW_MODEL__PRIVATEKEY",
                        "AIGW_TLS__PRIVATE_KEY",
                        "SSH_PRIVATEKEY",
                        "AIGW_MODEL__API_KEY__VALUE",
                        "AIGW_MODEL__APIKEY__VALUE",
                        "AIGW_SIGNING__PASSPHRASE",
                        "GPG_PASSPHRASE",
                        "AIGW_TLS__CERTKEY",
                        "AIGW_TLS__CERT_PRIVKEY",
                        "AIGW_TLS__CERTIFICATEKEY"))
                .allMatch(Redactor::looksSecret);
        assertThat(List.of(
                        "AIGW_MODEL__ENDPOINT__VALUE",
                        "AIGW_AUTH__BYPASS_EXTERNAL",
                        "SSL_CERT_FILE",
                        "AIGW_TLS__CERT_FILE",
                        "MONKEY_BUSINESS"))
                .noneMatch(Redactor::looksSecret);
        assertThat(new Redactor(List.of())
                        .apply("AIGW_MODEL__API_KEY__VALUE=sk-nested-0a1b2c AIGW_SIGNING__PASSPHRASE=open-sesame-9"))
                .isEqualTo("AIGW_MODEL__API_KEY__VALUE=[REDACTED] AIGW_SIGNING__PASSPHRASE=[REDACTED]");
    }

    @Test
    void aShortLearntValueIsMaskedOnlyAsItsVariablesValueNeverAsAWordEverywhere() {
        Redactor redactor = new Redactor(List.of());
        redactor.alsoRedact(java.util.Map.of("AIGW_MODEL__API_KEY", "http", "AIGW_DB__PASS", "abc"));
        assertThat(redactor.apply("see https://docs.gitlab.com/administration/ (http)"))
                .isEqualTo("see https://docs.gitlab.com/administration/ (http)");
        assertThat(redactor.apply("AIGW_MODEL__API_KEY=http AIGW_DB__PASS=abc \"AIGW_MODEL__API_KEY\": \"http\" abc"))
                .isEqualTo(
                        "AIGW_MODEL__API_KEY=[REDACTED] AIGW_DB__PASS=[REDACTED] \"AIGW_MODEL__API_KEY\": \"[REDACTED]\" abc");
        redactor.alsoRedact(java.util.Map.of("AIGW_OTHER__TOKEN", "long-enough-value"));
        assertThat(redactor.apply("echo long-enough-value")).isEqualTo("echo [REDACTED]");
    }
}
