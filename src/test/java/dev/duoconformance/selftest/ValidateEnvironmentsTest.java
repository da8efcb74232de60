package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.config.ValidateEnvironments;
import dev.duoconformance.simulator.server.SimServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The merge request job: every environments/*.yaml checked without a request and without the secret variables a
 * merge request pipeline does not get; an unset ${VAR} is named and checked with a stand-in, any other mistake fails.
 */
class ValidateEnvironmentsTest {
    @TempDir
    Path project;

    private record Run(int exitCode, String output) {}

    private Run validate(Path environments, Map<String, String> variables, String... properties) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Map<String, String> given = new java.util.HashMap<>(Map.of("duo.environments.dir", environments.toString()));
        for (String property : properties) {
            given.put(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        Function<String, String> environment = variables::get;
        int exit = ValidateEnvironments.command(given::get, environment, out, out);
        return new Run(exit, printed.toString(StandardCharsets.UTF_8));
    }

    private static final String PROD = """
            gitlab:
              url: ${GITLAB_URL}
              admin_token: ${GITLAB_ADMIN_TOKEN}
              user_token: ${GITLAB_DUO_USER_TOKEN}
            ai_gateway:
              url: https://${AIGW_HOST}:5052
              kubernetes:
                kubeconfig: ${KUBECONFIG_PROD}
                context: prod
                namespace: ai-gateway
                selector: app.kubernetes.io/name=ai-gateway
            models:
              - name: mistral
                family: mistral
                endpoint: http://vllm.internal:8000/v1
                identifier: custom_openai/Mistral-7B-Instruct-v0.3
                api_key: ${VLLM_API_KEY}
                features: [code_completions]
            http:
              ca_bundle: /etc/ssl/certs/only-on-the-scheduled-runner.pem
            """;

    @Test
    void unsetSecretsAreNamedAndCheckedWithStandInsAndNothingIsSent() throws IOException {
        try (SimServer gitlab = SimServer.http("gitlab").start()) {
            Path environments = Files.createDirectories(project.resolve("environments"));
            Files.writeString(environments.resolve("prod.yaml"), PROD);
            Files.writeString(
                    environments.resolve("staging.yml"),
                    PROD.replace("${GITLAB_URL}", gitlab.url().toString()));

            Run run = validate(environments, Map.of());

            assertThat(run.exitCode()).as(run.output()).isZero();
            assertThat(run.output())
                    .contains(
                            "duo-conformance validate: environments/prod.yaml: valid (not set in this pipeline, checked with a"
                                    + " stand-in: GITLAB_URL, GITLAB_ADMIN_TOKEN, GITLAB_DUO_USER_TOKEN, AIGW_HOST, KUBECONFIG_PROD, VLLM_API_KEY)")
                    .contains("environments/staging.yml: valid")
                    .contains("2 of 2 environment files valid.");
            assertThat(gitlab.received()).isEmpty();
        }
    }

    @Test
    void everyBrokenFileIsNamedAndTheJobFailsWithExitCode2() throws IOException {
        Path environments = Files.createDirectories(project.resolve("environments"));
        Files.writeString(environments.resolve("prod.yaml"), PROD);
        Files.writeString(environments.resolve("typo.yaml"), PROD.replace("  admin_token:", "  admin_tokn:"));
        Files.writeString(environments.resolve("leak.yaml"), PROD.replace("${VLLM_API_KEY}", "sk-literal-secret-123"));
        Files.writeString(
                environments.resolve("bad-url.yaml"), PROD.replace("http://vllm.internal:8000/v1", "vllm:8000"));

        Run run = validate(environments, Map.of());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output())
                .contains("environments/typo.yaml:3: unknown key 'gitlab.admin_tokn'")
                .contains("environments/leak.yaml: models[0].api_key holds a literal secret")
                .contains("environments/bad-url.yaml: models[0].endpoint 'vllm:8000' is not a valid URL")
                .contains("environments/prod.yaml: valid")
                .contains("1 of 4 environment files valid.")
                .doesNotContain("sk-literal-secret-123", "Exception");
    }

    @Test
    void requireVariablesRefusesAnUnsetVariableAsTheRunDoes() throws IOException {
        Path environments = Files.createDirectories(project.resolve("environments"));
        Files.writeString(environments.resolve("prod.yaml"), PROD);

        Run run = validate(environments, Map.of(), "validate.requireVariables=true");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("gitlab.url uses ${GITLAB_URL}, which is not set");
        assertThat(validate(Files.createDirectories(project.resolve("empty")), Map.of())
                        .exitCode())
                .isEqualTo(2);
    }

    @Test
    void theProjectsOwnEnvironmentFilesAreValid() {
        Run run = validate(Path.of("environments"), Map.of());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("environments/demo.yaml: valid", "environments/example.yaml: valid");
    }
}
