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

        assertThat(redactor.apply("AIGW_MODEL_KEYS__MISTRAL_API_KEY=abc123 AWS_SECRET_ACCESS_KEY=wJalrXUtn GITLAB_TOKEN=glpat-1 DB_PASSWORD=hunter2 AIGW_GITLAB_URL=https://g/"))
                .isEqualTo("AIGW_MODEL_KEYS__MISTRAL_API_KEY=[REDACTED] AWS_SECRET_ACCESS_KEY=[REDACTED] GITLAB_TOKEN=[REDACTED] "
                        + "DB_PASSWORD=[REDACTED] AIGW_GITLAB_URL=https://g/");
    }

    @Test
    void valuesLearntFromAContainerAreMaskedWhereverTheyShowUp() {
        Redactor redactor = new Redactor(List.of(Secret.of("configured-secret")));
        redactor.alsoRedact(List.of("container-api-key-value"));

        assertThat(redactor.apply("log: sent container-api-key-value and configured-secret"))
                .isEqualTo("log: sent [REDACTED] and [REDACTED]");
    }

    @Test
    void remediationTextIsLeftAlone() {
        Redactor redactor = new Redactor(List.of());
        for (Locale language : List.of(Locale.ENGLISH, Locale.KOREAN)) {
            Catalogue catalogue = Catalogue.load(language);
            catalogue.ids().stream().map(catalogue::section).flatMap(s -> s.causes().values().stream()).flatMap(List::stream)
                    .forEach(step -> assertThat(redactor.apply(step)).isEqualTo(step));
        }
        assertThat(redactor.apply("CLOUD_CONNECTOR_SELF_SIGN_TOKENS=1")).isEqualTo("CLOUD_CONNECTOR_SELF_SIGN_TOKENS=1");
    }

    @Test
    void credentialsInUrlsAreMasked() {
        assertThat(new Redactor(List.of()).apply("HTTPS_PROXY=http://user:pa55@proxy.internal:3128"))
                .isEqualTo("HTTPS_PROXY=http://[REDACTED]@proxy.internal:3128");
    }

    @Test
    void namesDecideWhatLooksSecret() {
        assertThat(List.of("AIGW_SELF_SIGNED_JWT__SIGNING_KEY", "aws_secret_access_key", "AWS_BEARER_TOKEN_BEDROCK", "PGPASSWORD"))
                .allMatch(Redactor::looksSecret);
        assertThat(List.of("AIGW_GITLAB_URL", "AIGW_CUSTOM_MODELS__ENABLED", "SSL_CERT_FILE")).noneMatch(Redactor::looksSecret);
    }
}
