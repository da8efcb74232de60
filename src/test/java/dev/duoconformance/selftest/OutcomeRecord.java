package dev.duoconformance.selftest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * With {@code -Dselftest.outcomes=<folder>} (or DUO_SELFTEST_OUTCOMES), every run of the self-tests writes each check's outcome there, one file a
 * run, so two commits' outcomes over every fault scenario can be compared line by line ({@code bench/outcomes.sh}).
 * Ports, temporary folders and timings are masked: they differ from run to run.
 */
final class OutcomeRecord {
    private OutcomeRecord() {}

    static synchronized void write(Map<String, String> parameters, List<SuiteRun.CheckResult> checks) {
        String folder =
                System.getProperty("selftest.outcomes", System.getenv().getOrDefault("DUO_SELFTEST_OUTCOMES", ""));
        if (folder.isBlank()) {
            return;
        }
        Map<String, String> run = new TreeMap<>(parameters);
        run.replaceAll((key, value) -> masked(value));
        String name = run.entrySet().stream()
                .filter(e -> !e.getKey().equals("duo.summary.console"))
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(";"));
        String lines = checks.stream()
                .map(c -> String.join(
                        " | ",
                        c.section(),
                        c.test(),
                        c.status().name(),
                        c.blockedBy().orElse("-"),
                        masked(c.message())))
                .sorted()
                .collect(Collectors.joining("\n", "", "\n"));
        try {
            // Two self-tests may run the same settings (an environment name used on Docker and on Kubernetes): a file
            // each,
            // numbered in the order they ran, which is the same in every run (the self-test classes run one after
            // another).
            Path folderPath = Path.of(folder);
            Files.createDirectories(folderPath);
            String base = Integer.toHexString(name.hashCode());
            Path file = folderPath.resolve(base + ".txt");
            for (int n = 2; Files.exists(file); n++) {
                file = folderPath.resolve(base + "-" + n + ".txt");
            }
            Files.writeString(file, "# " + name + "\n" + lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String masked(String text) {
        return text.replaceAll("/tmp/[\\w.-]+", "<tmp>")
                .replaceAll("junit-?\\d+", "<junit>")
                .replaceAll("\\d{9,}", "<n>")
                .replaceAll("port \\d+", "port <port>")
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT[\\d:]+Z|\\w{3} \\w{3} \\d\\d [\\d:]+ UTC \\d{4}", "<date>")
                .replaceAll("(127\\.0\\.0\\.1|localhost|\\[::1\\]|172\\.\\d+\\.\\d+\\.\\d+):\\d+", "$1:<port>")
                .replaceAll("\\d+(\\.\\d+)? ?(ms|s)\\b", "<t>")
                .replace("\n", "⏎");
    }
}
