package dev.duoconformance.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.config.RunPaths;
import dev.duoconformance.config.ValidateEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last step of {@code mvnw verify -Denv=<name>}: reads what the run left and ends the build with the exit code a
 * pipeline acts on, and one line saying why and where the report is. 0: every checked section passed or is waived;
 * 1: the target failed a check; 3: the suite itself failed (a broken result, a test JVM that died, no summary or no
 * report). (2, a configuration or usage error, ends the build earlier: {@link ValidateEnvironment#CONFIGURATION_ERROR}.)
 */
public final class RunVerdict {
    public static final int PASSED = 0;
    public static final int TARGET_FAILED = 1;
    public static final int SUITE_FAILED = 3;
    private static final Pattern FAILSAFE_MESSAGE = Pattern.compile("(?s)<failureMessage>(.*?)</failureMessage>");

    /** The code and the line the console shows. */
    public record Decision(int code, String line) {}

    private RunVerdict() {}

    /** {@code args}: the Allure results folder (with the run's summary), the failsafe summary file, the HTML report folder. */
    public static void main(String[] args) {
        Instant started = Optional.ofNullable(System.getProperty(ValidateEnvironment.RUN_STARTED))
                .map(Instant::parse)
                .orElse(Instant.EPOCH);
        Decision decision =
                decide(Path.of(args[0]).resolve(RunPaths.SUMMARY_FILE), Path.of(args[1]), Path.of(args[2]), started);
        (decision.code() == PASSED ? System.out : System.err).println(decision.line());
        System.out.flush();
        System.exit(decision.code());
    }

    static Decision decide(Path runSummary, Path failsafeSummary, Path report, Instant started) {
        String where =
                "Report: " + report.resolve("index.html").toAbsolutePath().normalize();
        Optional<String> testJvmFailure = readFailsafeFailure(failsafeSummary);
        if (testJvmFailure.isPresent()) {
            return suiteFailed("the test JVM failed: " + testJvmFailure.get(), where);
        }
        JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(runSummary.toFile());
        } catch (IOException e) {
            return suiteFailed("the run left no readable summary (" + runSummary + ": " + e.getMessage() + ")", where);
        }
        if (Instant.parse(summary.path("started_at").asText(Instant.EPOCH.toString()))
                .isBefore(started)) {
            return suiteFailed("the run wrote no summary of its own (" + runSummary + " is an earlier run's)", where);
        }
        if (!Files.isRegularFile(report.resolve("index.html"))) {
            return suiteFailed(
                    "no HTML report was generated (see target/allure-report-" + report.getFileName() + ".log)", where);
        }
        List<String> broken = sections(summary, "broken");
        List<String> failed = sections(summary, "failed");
        String coverage = coverage(summary);
        if (!broken.isEmpty()) {
            return suiteFailed(
                    broken.size() + " section(s) broken by a bug of the suite (" + String.join(", ", broken)
                            + "); please report it",
                    where + "; " + coverage);
        }
        if (!failed.isEmpty()) {
            return new Decision(
                    TARGET_FAILED,
                    "duo-conformance: FAILED (exit code 1): " + failed.size() + " section(s) failed: "
                            + String.join(", ", failed) + "; " + coverage + ". " + where);
        }
        return new Decision(
                PASSED, "duo-conformance: PASSED (exit code 0): no section failed; " + coverage + ". " + where);
    }

    private static Decision suiteFailed(String why, String where) {
        return new Decision(SUITE_FAILED, "duo-conformance: SUITE ERROR (exit code 3): " + why + ". " + where);
    }

    private static String coverage(JsonNode summary) {
        JsonNode coverage = summary.path("coverage");
        return "checked " + coverage.path("checked").asInt() + " of "
                + coverage.path("applicable").asInt() + " applicable sections";
    }

    private static List<String> sections(JsonNode summary, String outcome) {
        List<String> ids = new ArrayList<>();
        summary.path("sections").forEach(s -> {
            if (outcome.equals(s.path("outcome").asText())) {
                ids.add(s.path("id").asText());
            }
        });
        return ids;
    }

    /** What failsafe says went wrong outside the tests (a test JVM that crashed or timed out), if anything. */
    private static Optional<String> readFailsafeFailure(Path failsafeSummary) {
        try {
            String xml = Files.readString(failsafeSummary);
            Matcher message = FAILSAFE_MESSAGE.matcher(xml);
            if (xml.contains("timeout=\"true\"")) {
                return Optional.of("it timed out");
            }
            return message.find() && !message.group(1).isBlank()
                    ? Optional.of(message.group(1).strip().lines().findFirst().orElse(""))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.of("failsafe left no summary (" + failsafeSummary + ")");
        }
    }
}
