package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The `.gitlab-ci.yml` shipped for users is valid against GitLab's own CI schema and does what the README says. */
class GitLabCiTemplateTest {
    private final JsonNode pipeline = read();

    private static JsonNode read() {
        try {
            return new YAMLMapper().readTree(Path.of(".gitlab-ci.yml").toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void isValidAgainstGitLabsCiSchema() throws IOException {
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream("/gitlab-ci/ci.schema.json")) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(new ObjectMapper().readTree(in));
        }
        Set<ValidationMessage> errors = schema.validate(pipeline);
        assertThat(errors).isEmpty();
    }

    @Test
    void runsOneConformanceJobPerEnvironmentAndKeepsItsReportWhenRed() {
        JsonNode conformance = pipeline.path("conformance");
        assertThat(conformance.path("parallel").path("matrix").get(0).path("DUO_ENV")).isNotEmpty();
        assertThat(conformance.path("script").get(0).asText()).contains("verify -Denv=$DUO_ENV");
        assertThat(conformance.path("artifacts").path("when").asText()).isEqualTo("always");
        assertThat(conformance.path("artifacts").path("reports").path("junit").asText()).isEqualTo("target/failsafe-reports/TEST-*.xml");
        assertThat(conformance.path("artifacts").path("paths").toString()).contains("allure-results/$DUO_ENV/", "allure-report/$DUO_ENV/");
    }

    @Test
    void comparesEnvironmentsAndGatesUpgradesOnRegressions() {
        String script = pipeline.path("compare").path("script").toString();
        assertThat(script).contains("exec:java@compare -Dbase=staging -Dhead=prod")
                .contains("-Dbase=prod@previous -Dhead=prod -Dcompare.failOn=regression");
        assertThat(pipeline.path("self-test").path("script").get(0).asText()).isEqualTo("mvn $MAVEN_CLI_OPTS verify");
        assertThat(pipeline.path("pages").path("artifacts").path("paths").get(0).asText()).isEqualTo("public");
    }
}
