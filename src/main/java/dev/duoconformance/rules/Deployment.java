package dev.duoconformance.rules;

import dev.duoconformance.config.Environment;
import dev.duoconformance.console.GitLabConsole;
import dev.duoconformance.http.AiGatewayClient;
import dev.duoconformance.http.GitLabClient;
import dev.duoconformance.http.ModelServerClient;
import dev.duoconformance.http.TlsInspector;
import dev.duoconformance.runtime.GatewayRuntime;
import java.util.Optional;

/** What a run reaches of the deployment: the environment file and a client for each component it configures. */
public record Deployment(
        Environment environment,
        Optional<GitLabClient> gitlab,
        Optional<AiGatewayClient> aiGateway,
        ModelServerClient modelServers,
        TlsInspector tls,
        Optional<GatewayRuntime> runtime,
        Optional<GitLabConsole> console) {}
