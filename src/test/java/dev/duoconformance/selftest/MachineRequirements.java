package dev.duoconformance.selftest;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * What a few self-tests need from the machine: a Docker engine, Debian's chromium, curl and python3. Missing, the test is skipped with
 * the reason printed, unless {@code DUO_SELFTEST_STRICT=true} (set by .ci/run, which installs both) makes it a failure.
 * Plain {@code CI=true}, as GitLab sets on every job, does not: a runner image without Docker or Chromium stays green.
 */
public final class MachineRequirements {
    static final String STRICT = "DUO_SELFTEST_STRICT";
    /** {@code -Dselftest.chromium=<path>} names the browser; by default the first {@code chromium} on the PATH. */
    static final String CHROMIUM_PROPERTY = "selftest.chromium";

    private MachineRequirements() {}

    /**
     * {@code @ExtendWith(MachineRequirements.DockerEngine.class)}: the class runs when Testcontainers finds a Docker engine;
     * otherwise it is skipped (reported as skipped, with the reason), or fails when strict.
     */
    static final class DockerEngine implements ExecutionCondition {
        private static final String REASON =
                "no Docker engine answers (DOCKER_HOST, else the local socket); start one with `sudo .ci/start-docker`";

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return ConditionEvaluationResult.enabled("a Docker engine answers");
            }
            if (strict()) {
                throw new IllegalStateException(STRICT + "=true, and " + REASON);
            }
            if (context.getTestMethod().isEmpty()) {
                printSkipped(REASON);
            }
            return ConditionEvaluationResult.disabled(REASON);
        }
    }

    /** Debian's chromium, or the test failed or skipped. */
    static Path chromium() {
        Optional<Path> chromium = Optional.ofNullable(System.getProperty(CHROMIUM_PROPERTY))
                .filter(p -> !p.isBlank())
                .map(Path::of)
                .or(() -> Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                        .filter(d -> !d.isBlank())
                        .map(d -> Path.of(d, "chromium"))
                        .filter(Files::isExecutable)
                        .findFirst())
                .filter(Files::isExecutable);
        if (chromium.isEmpty()) {
            unmet("Debian's chromium is not installed (`apt-get install chromium`; -D" + CHROMIUM_PROPERTY
                    + "=<path> names another)");
        }
        return chromium.orElseThrow();
    }

    /** A program on the PATH (the in-container probes run here as local processes), or the test failed or skipped. */
    public static void program(String name) {
        boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(d -> !d.isBlank())
                .map(d -> Path.of(d, name))
                .anyMatch(Files::isExecutable);
        if (!found) {
            unmet(name + " is not on the PATH (on Debian: `apt-get install " + name + "`)");
        }
    }

    private static void unmet(String reason) {
        if (strict()) {
            Assertions.fail(STRICT + "=true, and " + reason);
        }
        printSkipped(reason);
        Assumptions.abort(reason);
    }

    private static boolean strict() {
        return "true".equalsIgnoreCase(System.getenv(STRICT));
    }

    /** Surefire's console lists skipped tests by count only: the reason goes to the console too. */
    private static void printSkipped(String reason) {
        System.out.println(
                "duo-conformance self-test skipped: " + reason + " (" + STRICT + "=true makes this a failure)");
    }
}
