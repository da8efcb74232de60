package dev.duoconformance.selftest;

import dev.duoconformance.standin.StandInContainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;

/**
 * One AI gateway container of a Docker self-test and the environment file that describes it: healthy by default,
 * and each documented fault changes exactly the one thing the doc names.
 */
final class RuntimeDeployment {
    /** {@code linux/amd64} (the host's platform) or {@code linux/arm64}: which stand-in image the container runs. */
    String platform = "linux/amd64";

    String network = "host";
    final Map<String, String> env = new LinkedHashMap<>();
    /** Mounted read-only at {@link StandInContainer#CA_IN_CONTAINER}. */
    Path caMount;
    /** Write the gitlab block (url and console command) into the environment file. */
    boolean gitlabBlock = true;
    /** Hold port 8082 on the host while the container starts, as another process would. */
    boolean metricsPortTaken;
    /** Start a stand-in GitLab container on the bridge network and point AIGW_GITLAB_URL at it. */
    boolean gitlabOnTheBridge;

    String gitlabUrl;
    String consoleCommand;
    String modelEndpoint;
    /** Holds the model server's key in the tests' process environment (set by the pom's surefire configuration). */
    static final String MODEL_KEY_VARIABLE = "DUO_SELFTEST_MODEL_KEY";

    Path caBundle;

    /** The AI gateway container of this deployment, not started yet: one that serves, or one that stops on start (a port clash). */
    GenericContainer<?> container(String purpose) {
        StandInContainer.Spec spec = new StandInContainer.Spec(platform, network, Map.copyOf(env), caMount);
        return metricsPortTaken
                ? StandInContainer.stoppingGateway(purpose, spec)
                : StandInContainer.gateway(purpose, spec);
    }

    /** Writes {@code <directory>/<name>.yaml} for this deployment's container. */
    void writeEnvironment(Path directory, String name, String dockerHost, String container) {
        StringBuilder yaml = new StringBuilder();
        if (gitlabBlock) {
            yaml.append("gitlab:\n  url: ")
                    .append(gitlabUrl)
                    .append('\n')
                    .append("  console:\n    command: [")
                    .append(consoleCommand)
                    .append("]\n    user: duo-user\n");
        }
        yaml.append("ai_gateway:\n  expected_url: http://aigw.internal:5052\n  auth_bypass_expected: false\n")
                .append("  docker:\n    host: ")
                .append(dockerHost)
                .append("\n    container: ")
                .append(container)
                .append('\n')
                .append("models:\n  - name: mistral-7b\n    family: mistral\n    endpoint: ")
                .append(modelEndpoint)
                .append('\n')
                .append("    identifier: custom_openai/Mistral-7B-Instruct-v0.3\n")
                // The loader takes secrets only from variables (a default would be a literal): the build exports this
                // one.
                .append("    api_key: ${")
                .append(MODEL_KEY_VARIABLE)
                .append("}\n")
                // Generous: the simulators' first answer in a fresh JVM, on a loaded machine, can take seconds; nothing
                // here times out on purpose.
                .append("http:\n  connect_timeout: 2s\n  request_timeout: 15s\n  ca_bundle: ")
                .append(caBundle)
                .append('\n');
        try {
            Files.writeString(directory.resolve(name + ".yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
