package dev.duoconformance.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.config.SimulatedDeployment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * The demo deployment, on loopback: an AI gateway (HTTPS, private CA) in front of a vLLM-like model server, plus a
 * simulated Bedrock behind the gateway. Faults change the simulators, or the environment file where the documented
 * cause is a misconfiguration.
 */
public final class Simulation implements SimulatedDeployment {
    /** The model server's API key: a canary the self-tests look for in every output. */
    public static final String MODEL_API_KEY = "sk-sim-canary-3f9a1c7e5b";
    private static final String[] LOOPBACK_NAMES = {"127.0.0.1", "localhost"};

    private final Set<Fault> faults;
    private final Optional<Path> record;
    private final Path workDirectory;
    private final Certificates.Authority authority;
    private final ModelServerSimulator modelServer;
    private final AiGatewaySimulator aiGateway;

    private Simulation(Set<Fault> faults, Optional<Path> record, Duration latency) {
        this.faults = faults;
        this.record = record;
        try {
            this.workDirectory = Files.createTempDirectory("duo-conformance-sim");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.authority = Certificates.Authority.create("duo-conformance simulated private CA");
        this.modelServer = new ModelServerSimulator(MODEL_API_KEY, faults, latency);
        this.aiGateway = new AiGatewaySimulator(aiGatewayCertificate(), !faults.contains(Fault.AIGW_AUTH_ENFORCED), r -> false, faults, latency);
    }

    public static Simulation start(Set<Fault> faults, Optional<Path> record, Duration latency) {
        return new Simulation(faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults), record, latency);
    }

    private SSLContext aiGatewayCertificate() {
        if (faults.contains(Fault.AIGW_UNTRUSTED_CERTIFICATE)) {
            return Certificates.Authority.create("an unknown CA").serverContext(LOOPBACK_NAMES);
        }
        if (faults.contains(Fault.AIGW_SELF_SIGNED_CERTIFICATE)) {
            return Certificates.selfSignedServerContext(LOOPBACK_NAMES);
        }
        if (faults.contains(Fault.AIGW_EXPIRED_CERTIFICATE)) {
            return authority.expiredServerContext(LOOPBACK_NAMES);
        }
        if (faults.contains(Fault.AIGW_WRONG_HOST_CERTIFICATE)) {
            return authority.serverContext("aigw.example.com");
        }
        return authority.serverContext(LOOPBACK_NAMES);
    }

    @Override
    public Map<String, String> variables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("SIM_AI_GATEWAY_URL", aiGateway.url().toString());
        variables.put("SIM_CA_BUNDLE", authority.writePem(workDirectory.resolve("private-ca.pem")).toString());
        variables.put("SIM_VLLM_ENDPOINT", modelServer.url() + "/v1");
        variables.put("SIM_VLLM_BASE_URL", modelServer.url().toString());
        variables.put("SIM_VLLM_API_KEY", MODEL_API_KEY);
        return variables;
    }

    @Override
    public JsonNode adjust(JsonNode configuration) {
        ObjectNode config = configuration.deepCopy();
        if (faults.contains(Fault.AIGW_AUTH_BYPASSED)) {
            ((ObjectNode) config.path("ai_gateway")).put("auth_bypass_expected", false);
        }
        for (JsonNode model : config.path("models")) {
            boolean bedrock = model.path("identifier").asText().startsWith("bedrock/");
            if (!bedrock && faults.contains(Fault.MODEL_FAMILY_UNKNOWN)) {
                ((ObjectNode) model).put("family", "mistral-7b-instruct");
            }
            if (!bedrock && faults.contains(Fault.MODEL_ENDPOINT_WITHOUT_V1)) {
                ((ObjectNode) model).put("endpoint", "${SIM_VLLM_BASE_URL}");
            }
            if (bedrock && faults.contains(Fault.BEDROCK_ID_WITHOUT_REGION)) {
                ((ObjectNode) model).put("identifier", "bedrock/meta.llama3-3-70b-instruct-v1:0");
            }
        }
        return config;
    }

    private void writeRecord(Path file) {
        List<String> lines = new ArrayList<>();
        for (SimServer server : servers()) {
            for (SimServer.Received r : server.received()) {
                lines.add(SimServer.JSON.createObjectNode().put("component", r.component()).put("method", r.method())
                        .put("path", r.path()).put("agent", r.agent()).put("known", r.known()).toString());
            }
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SimServer> servers() {
        List<SimServer> servers = new ArrayList<>();
        aiGateway.server().ifPresent(servers::add);
        modelServer.server().ifPresent(servers::add);
        return servers;
    }

    @Override
    public void close() {
        aiGateway.close();
        modelServer.close();
        record.ifPresent(this::writeRecord);
        try (Stream<Path> files = Files.walk(workDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
