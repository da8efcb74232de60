package dev.duoconformance.rules.runtime;

import dev.duoconformance.config.Environment;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Rule;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.runtime.ContainerInfo;
import dev.duoconformance.runtime.ExecResult;
import dev.duoconformance.runtime.GatewayInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static dev.duoconformance.rules.runtime.ContainerReads.variable;

/**
 * Section ai-gateway-tls, its container half: with a private CA (http.ca_bundle), every instance of the AI gateway sets
 * {@code SSL_CERT_FILE} and {@code REQUESTS_CA_BUNDLE} to a bundle it can read, or its Python clients fail with
 * {@code [SSL: CERTIFICATE_VERIFY_FAILED]} or {@code JWKError}.
 */
public final class AiGatewayTls implements Rule {
    public static final Declaration DECLARED = Declaration.of(Sections.TLS);
    private static final String SECTION = Sections.TLS;

    private final Rules rules;
    private final EachInstance each;
    private final Optional<Path> caBundle;

    public AiGatewayTls(Rules rules, EachInstance each, Environment environment) {
        this.rules = rules;
        this.each = each;
        this.caBundle = environment.http().caBundle();
    }

    @Override
    public Declaration declared() {
        return DECLARED;
    }

    public Condition containerNamesTheCaBundle() {
        return rules.once(this, "caBundle", () -> {
            if (caBundle.isEmpty()) {
                return Condition.unknown("no private CA is in use (http.ca_bundle is not set)");
            }
            return each.judge(this, this::namesTheCaBundle);
        });
    }

    private Condition namesTheCaBundle(GatewayInstance instance) {
        String checked = "SSL_CERT_FILE and REQUESTS_CA_BUNDLE in the environment of " + instance.where();
        String expected = "both set to a CA bundle inside the container that holds the private CA of http.ca_bundle (" + caBundle.get() + ")";
        List<String> problems = new ArrayList<>();
        List<String> files = new ArrayList<>();
        for (String name : List.of("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")) {
            Optional<String> value = variable(instance, name).filter(v -> !v.isBlank());
            value.ifPresentOrElse(files::add, () -> problems.add(name + " is not set"));
        }
        if (!problems.isEmpty()) {
            return Condition.broken(each.failure(SECTION, "ca-variables-missing", checked, expected, String.join("; ", problems)
                    + ": the AI gateway then fails with [SSL: CERTIFICATE_VERIFY_FAILED] or JWKError on private-CA endpoints"));
        }
        ContainerInfo container = instance.info();
        if (!container.running()) {
            return Condition.holdsBecause("the bundle files of " + instance.where() + " were not looked at: it is not running (" + container.state() + ")");
        }
        List<String> notes = new ArrayList<>();
        for (String file : new TreeSet<>(files)) {
            ExecResult readable = instance.exec(List.of("test", "-r", file), Duration.ofSeconds(10)).orElseThrow(Unknowable::new);
            if (readable.executableMissing()) {
                notes.add("the image has no `test` command, so " + file + " was not looked at");
            } else if (!readable.succeeded()) {
                problems.add(file + " does not exist or is not readable inside the container");
            }
        }
        if (!problems.isEmpty()) {
            return Condition.broken(each.failure(SECTION, "ca-variables-missing", checked + " and the files they name", expected, String.join("; ", problems)));
        }
        return notes.isEmpty() ? Condition.holds() : Condition.holdsBecause(String.join("; ", notes));
    }
}
