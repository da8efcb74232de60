package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duoconformance.config.ConfigurationException;
import dev.duoconformance.config.Environment;
import dev.duoconformance.config.EnvironmentLoader;
import dev.duoconformance.config.ModelPlatform;
import dev.duoconformance.config.SimulatedDeployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input stops the run with one message that names the file, the key and what to do. */
class ConfigurationErrorsTest {
    @TempDir
    Path environments;

    private final Map<String, String> processEnvironment =
            Map.of("PROD_MODEL_KEY", "sk-prod-123456", "PROD_SHORT_KEY", "abc");

    private EnvironmentLoader.Loaded load(String name) {
        return new EnvironmentLoader(environments, processEnvironment::get)
                .load(name, SimulatedDeployment.Settings.none());
    }

    private static SimulatedDeployment.Settings faults(String faults) {
        return SimulatedDeployment.Settings.from(
                key -> Optional.ofNullable(Map.of("demo.faults", faults).get(key)));
    }

    private void write(String name, String yaml) throws IOException {
        Files.writeString(environments.resolve(name + ".yaml"), yaml);
    }

    @Test
    void aValidFileLoadsWithSecretsFromTheProcessEnvironment() throws IOException {
        write("prod", """
                ai_gateway:
                  url: https://aigw.internal:5052/
                models:
                  - name: mistral
                    family: mistral
                    endpoint: http://vllm:8000/v1
                    api_key: ${PROD_MODEL_KEY}
                    features: [code_completions]
                http:
                  request_timeout: 1m
                """);
        Environment environment = load("prod").environment();
        assertThat(environment.models().get(0).apiKey().reveal()).isEqualTo("sk-prod-123456");
        assertThat(environment.models().get(0).apiKey()).hasToString("[secret]");
        assertThat(environment.aiGateway().orElseThrow().expectedUrl()).hasToString("https://aigw.internal:5052/");
        assertThat(environment.http().requestTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(environment.gitlab()).isEmpty();
    }

    @Test
    void anUnknownEnvironmentListsTheOnesThatExist() throws IOException {
        write("staging", "ai_gateway:\n  url: http://aigw:5052\n");
        write("prod", "ai_gateway:\n  url: http://aigw:5052\n");
        assertThatThrownBy(() -> load("prdo"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unknown environment 'prdo'")
                .hasMessageContaining("prdo.yaml")
                .hasMessageContaining("Environments that exist: prod, staging");
    }

    @Test
    void noEnvironmentNameSaysHowToGiveOne() {
        assertThatThrownBy(() -> load("")).hasMessageContaining("-Denv=<name>");
    }

    @Test
    void aYamlSyntaxErrorGivesLineAndColumn() throws IOException {
        write("prod", "ai_gateway:\n  url: http://aigw:5052\n   expected_url: [unclosed\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(environments.getFileName() + "/prod.yaml: YAML syntax error at line 3");
    }

    @Test
    void anUnknownKeySuggestsTheClosestOne() throws IOException {
        write("prod", "ai_gateway:\n  url: http://aigw:5052\n  auth_bypas_expected: true\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("prod.yaml:3: unknown key 'ai_gateway.auth_bypas_expected'")
                .hasMessageContaining("Did you mean 'auth_bypass_expected'?");
    }

    @Test
    void anUnknownKeyInAListNamesItsIndex() throws IOException {
        write("prod", "models:\n  - name: a\n    family: mistral\n    endpiont: http://vllm/v1\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("prod.yaml:4: unknown key 'models[0].endpiont'")
                .hasMessageContaining("Did you mean 'endpoint'?");
    }

    @Test
    void aModelsPlatformIsDeclaredOrInferredFromItsIdentifier() throws IOException {
        write(
                "prod",
                "models:\n  - name: a\n    family: gpt\n    identifier: azure/gpt-4o\n"
                        + "  - name: b\n    family: mistral\n    identifier: custom_openai/m\n    platform: ollama\n");
        List<Environment.Model> models = load("prod").environment().models();
        assertThat(models)
                .extracting(Environment.Model::platform)
                .containsExactly(ModelPlatform.AZURE, ModelPlatform.OLLAMA);
    }

    @Test
    void anUnknownOrContradictingPlatformIsNamedWithItsKey() throws IOException {
        write("prod", "models:\n  - name: a\n    family: gpt\n    platform: openai\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("models[0].platform 'openai' is not a platform the suite knows; "
                        + "write one of vllm, ollama, openai-compatible, azure, bedrock");
        write("prod", "models:\n  - name: a\n    family: gpt\n    identifier: azure/gpt-4o\n    platform: vllm\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("models[0].platform 'vllm' contradicts models[0].identifier "
                        + "'azure/gpt-4o', which names the azure provider");
    }

    @Test
    void aBadUrlIsNamedWithItsKey() throws IOException {
        write("prod", "ai_gateway:\n  url: htp//aigw:5052\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("ai_gateway.url 'htp//aigw:5052' is not a valid URL")
                .hasMessageContaining("http(s)://host[:port][/path]");
    }

    @Test
    void anUnsetVariableWithoutDefaultSaysWhatToExport() throws IOException {
        write("prod", "gitlab:\n  url: https://gitlab.example.com\n  admin_token: ${GITLAB_ADMIN_TOKEN}\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("gitlab.admin_token uses ${GITLAB_ADMIN_TOKEN}, which is not set")
                .hasMessageContaining("Export GITLAB_ADMIN_TOKEN");
    }

    @Test
    void aVariableDefaultApplies() throws IOException {
        write(
                "prod",
                "models:\n  - name: a\n    family: mistral\n    endpoint: ${VLLM_URL:-http://vllm:8000/v1}\n    api_key: ${VLLM_KEY:-}\n");
        Environment.Model model = load("prod").environment().models().get(0);
        assertThat(model.endpoint()).hasValueSatisfying(u -> assertThat(u).hasToString("http://vllm:8000/v1"));
        assertThat(model.apiKey().isPresent()).isFalse();
    }

    @Test
    void aLiteralSecretIsRefused() throws IOException {
        write("prod", "gitlab:\n  url: https://gitlab.example.com\n  admin_token: glpat-abcdefghijklmnop\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("gitlab.admin_token holds a literal secret")
                .hasMessageNotContaining("glpat-abcdefghijklmnop");
    }

    @Test
    void aBadDurationAndABadBooleanAreNamed() throws IOException {
        write("prod", "ai_gateway:\n  url: http://aigw:5052\nhttp:\n  connect_timeout: five seconds\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("http.connect_timeout 'five seconds' is not a duration");
        write("prod", "ai_gateway:\n  url: http://aigw:5052\n  auth_bypass_expected: yes please\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("ai_gateway.auth_bypass_expected must be true or false");
    }

    @Test
    void faultsOnlyApplyToTheSimulatedDeployment() throws IOException {
        write("prod", "ai_gateway:\n  url: http://aigw:5052\n");
        assertThatThrownBy(() -> new EnvironmentLoader(environments, k -> null).load("prod", faults("model-down")))
                .hasMessageContaining("only apply to a simulated deployment such as -Denv=demo");
    }

    @Test
    void anUnknownFaultListsTheFaultsTheDemoHas() {
        assertThatThrownBy(() ->
                        new EnvironmentLoader(Path.of("environments"), k -> null).load("demo", faults("model-dwon")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("Unknown fault 'model-dwon'")
                .hasMessageContaining("model-down — nothing listens on the model server's port");
    }

    @Test
    void aFaultOfTheContainerNeedsTheDockerRuntime() {
        assertThatThrownBy(() -> new EnvironmentLoader(Path.of("environments"), k -> null)
                        .load("demo", faults("custom-models-off")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage(
                        "-Ddemo.faults=custom-models-off: faults of the AI gateway's container, which the demo has with "
                                + "-Ddemo.runtime=docker only. Add it (it needs a Docker engine).");
    }

    @Test
    void anUnknownDemoRuntimeNamesTheOneThereIs() {
        assertThatThrownBy(() -> new EnvironmentLoader(Path.of("environments"), k -> null)
                        .load(
                                "demo",
                                SimulatedDeployment.Settings.from(key -> Optional.ofNullable(
                                        Map.of("demo.runtime", "podman").get(key)))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        "-Ddemo.runtime=podman is not a runtime the demo has. Use -Ddemo.runtime=docker");
    }

    @Test
    void theBuildsValidationStepPrintsOneMessageAndExitsWithTwo() throws Exception {
        ProcessBuilder validation = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.duoconformance.config.ValidateEnvironment",
                "no-such-env");
        BoundedProcess process = BoundedProcess.run(validation, Duration.ofMinutes(1));
        String output = process.output();
        assertThat(process.exitCode()).isEqualTo(2);
        assertThat(output.strip())
                .startsWith("duo-conformance: Unknown environment 'no-such-env'")
                .contains("Environments that exist: demo, example")
                .doesNotContain("Exception", "\tat ");
    }

    private static final String MODEL =
            "models:\n  - name: mistral\n    family: mistral\n    endpoint: http://vllm:8000/v1\n";

    @Test
    void aHugeFileIsRefusedBeforeItIsParsed() throws IOException {
        write("prod", "ai_gateway:\n  url: http://aigw:5052\n  expected_url: " + "x".repeat(2 << 20) + "\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("prod.yaml is 2097205 bytes long; an environment file may hold at most 1 MiB");
    }

    @Test
    void aCaBundleMustBeARegularReadableFile() throws Exception {
        Path fifo = environments.resolve("ca.fifo");
        assertThat(BoundedProcess.run(new ProcessBuilder("mkfifo", fifo.toString()), Duration.ofSeconds(30))
                        .exitCode())
                .isZero();
        for (String[] bundle : new String[][] {
            {fifo.toString(), "is not a regular file (a pipe or a device)"},
            {environments.toString(), "is a directory"},
            {environments.resolve("none.pem").toString(), "does not exist"}
        }) {
            write("prod", "ai_gateway:\n  url: https://aigw:5052\nhttp:\n  ca_bundle: " + bundle[0] + "\n");
            assertThatThrownBy(() -> load("prod"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessage(environments.getFileName() + "/prod.yaml: http.ca_bundle '" + bundle[0] + "' "
                            + bundle[1] + ". Point it at a PEM file holding the certificate of your private CA.");
        }
    }

    @Test
    void aDurationIsBounded() throws IOException {
        write("prod", "ai_gateway:\n  url: http://aigw:5052\nhttp:\n  request_timeout: 99999999999999999999s\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.request_timeout '99999999999999999999s' is not a duration");
        write("prod", "ai_gateway:\n  url: http://aigw:5052\nhttp:\n  request_timeout: 2147484s\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.request_timeout '2147484s' is longer than the 10m the suite allows");
    }

    @Test
    void aKeyGivenTwiceIsRefused() throws IOException {
        write("prod", "ai_gateway:\n  url: http://aigw-one:5052\n  url: http://aigw-two:5052\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        environments.getFileName() + "/prod.yaml:3: 'url' is given twice in the same block");
    }

    @Test
    void twoModelsWithOneNameAreRefused() throws IOException {
        write("prod", MODEL + "  - name: mistral\n    family: mistral\n    endpoint: http://vllm-2:8000/v1\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("models[1].name 'mistral' is also the name of models[0]");
    }

    @Test
    void aFileThatIsNotUtf8NamesTheLine() throws IOException {
        byte[] latin1 = "ai_gateway:\n  url: http://aigw:5052\n  # caf\u00e9\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        Files.write(environments.resolve("prod.yaml"), latin1);
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(
                        environments.getFileName() + "/prod.yaml:3: this line holds a byte that is not UTF-8")
                .hasMessageNotContaining("Exception");
    }

    @Test
    void credentialsInAUrlAreRefusedWithoutShowingThem() throws IOException {
        write("prod", "gitlab:\n  url: https://root:glpat-userinfo-secret@gitlab.example.com\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("gitlab.url 'https://[REDACTED]@gitlab.example.com' holds credentials")
                .hasMessageNotContaining("glpat-userinfo-secret");
    }

    @Test
    void aQueryInABadUrlIsMaskedInTheMessage() throws IOException {
        write("prod", "ai_gateway:\n  url: https://aigw:5052/?private_token=glpat-query-secret\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ai_gateway.url 'https://aigw:5052/?[REDACTED]' is not a valid URL")
                .hasMessageNotContaining("glpat-query-secret");
    }

    @Test
    void aLiteralSecretWrittenAsANumberOrAsADefaultIsRefused() throws IOException {
        write("prod", MODEL + "    api_key: 987654321012\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("models[0].api_key holds a literal secret")
                .hasMessageNotContaining("987654321012");
        write("prod", MODEL + "    api_key: ${UNSET_KEY:-sk-literal-default}\n");
        assertThatThrownBy(() -> load("prod"))
                .hasMessageContaining("models[0].api_key holds a literal secret (the default after :- is one)")
                .hasMessageNotContaining("sk-literal-default");
    }

    @Test
    void aSecretTooShortToMaskIsRefused() throws IOException {
        write("prod", MODEL + "    api_key: ${PROD_SHORT_KEY}\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(
                        "models[0].api_key is 3 characters long; the suite refuses secrets shorter than 8 characters")
                .hasMessageNotContaining("abc");
    }

    @Test
    void aUrlsWholeUserinfoIsMaskedWhateverThePasswordHolds() throws IOException {
        write(
                "prod",
                "ai_gateway:\n  url: https://aigw:5052\nhttp:\n  proxy: http://proxyuser:pr0xy@pass/w0rd@proxy.internal:3128\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.proxy 'http://[REDACTED]@proxy.internal:3128'")
                .hasMessageNotContaining("pr0xy")
                .hasMessageNotContaining("pass/w0rd")
                .hasMessageNotContaining("proxyuser");

        write("prod", "ai_gateway:\n  url: https://aigw:5052\n");
        Map<String, String> environment = Map.of("HTTPS_PROXY", "http://proxyuser:pr0xy@pass/w0rd@proxy.internal:3128");
        assertThatThrownBy(() -> new EnvironmentLoader(environments, environment::get)
                        .load("prod", SimulatedDeployment.Settings.none()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'http://[REDACTED]@proxy.internal:3128'")
                .hasMessageNotContaining("pr0xy")
                .hasMessageNotContaining("pass/w0rd");
    }

    @Test
    void aDockerHostIsQuotedWithoutItsCredentials() throws IOException {
        for (String host : List.of(
                "ssh://deploy:d0cker-pa55word@gateway-host", "tcp://deploy:d0cker-pa55word@gateway-host:2376")) {
            write(
                    "prod",
                    "ai_gateway:\n  url: https://aigw:5052\n  docker:\n    host: " + host + "\n    container: aigw\n");
            assertThatThrownBy(() -> load("prod"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ai_gateway.docker.host '" + host.substring(0, 6) + "[REDACTED]@gateway-host")
                    .hasMessageNotContaining("d0cker-pa55word")
                    .hasMessageNotContaining("deploy");
        }
    }

    @Test
    void aPortIsFrom1To65535() throws IOException {
        for (String url : List.of("https://aigw:65536", "https://aigw:0", "https://aigw:99999")) {
            write("prod", "ai_gateway:\n  url: " + url + "\n");
            assertThatThrownBy(() -> load("prod"))
                    .isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("ai_gateway.url '" + url + "' is not a valid URL")
                    .hasMessageContaining("a port from 1 to 65535");
        }
        write(
                "prod",
                "ai_gateway:\n  url: https://aigw:65535\n  docker:\n    host: tcp://docker-host:65536\n    container: aigw\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ai_gateway.docker.host 'tcp://docker-host:65536' is not a valid tcp:// address");
        write("prod", "ai_gateway:\n  url: https://aigw:5052\n");
        Map<String, String> environment = Map.of("HTTP_PROXY", "proxy.internal:70000");
        assertThatThrownBy(() -> new EnvironmentLoader(environments, environment::get)
                        .load("prod", SimulatedDeployment.Settings.none()))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("HTTP_PROXY 'proxy.internal:70000' is not a proxy URL");
    }

    @Test
    void aCaBundleThatIsNotPemIsOneConfigurationError() throws IOException {
        Path bundle = environments.resolve("broken.pem");
        Files.writeString(bundle, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        write("prod", "ai_gateway:\n  url: https://aigw:5052\nhttp:\n  ca_bundle: " + bundle + "\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageStartingWith(environments.getFileName() + "/prod.yaml: http.ca_bundle '" + bundle
                        + "' cannot be read as PEM certificates");
        Files.writeString(bundle, "just text, no certificate\n");
        assertThatThrownBy(() -> load("prod"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("http.ca_bundle '" + bundle + "'")
                .hasMessageContaining("PEM");
    }

    @Test
    void anUnknownLanguageStopsTheBuildListingTheLanguages() throws Exception {
        BoundedProcess process = BoundedProcess.run(
                new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dlang=fr",
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.duoconformance.config.ValidateEnvironment",
                        "demo"),
                Duration.ofSeconds(60));
        assertThat(process.exitCode()).isEqualTo(2);
        assertThat(process.output().strip())
                .isEqualTo("duo-conformance: -Dlang=fr is not a language the remediations are written in. "
                        + "Languages: en (English), ko (Korean).");
    }
}
