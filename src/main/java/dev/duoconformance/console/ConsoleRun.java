package dev.duoconformance.console;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One run of a console command: exit code and redacted output, or that it overran its deadline, or why it could not
 * start. {@link #findings()} reads the ✔ / ✗ / ⚠ lines GitLab's verification task prints.
 */
public record ConsoleRun(
        List<String> command, int exitCode, boolean timedOut, Duration deadline, String output, String startError) {

    public enum Mark {
        PASSED,
        FAILED,
        WARNING
    }

    /** A line of the task's output that carries a mark, with the mark. */
    public record Finding(Mark mark, String line) {}

    /** Why the command could not start (not found, not executable), if it could not. */
    public Optional<String> notStarted() {
        return Optional.ofNullable(startError);
    }

    public boolean succeeded() {
        return startError == null && !timedOut && exitCode == 0;
    }

    public List<Finding> findings() {
        return output.lines()
                .map(String::strip)
                .filter(l -> !l.isEmpty())
                .map(line -> {
                    if (line.contains("✗") || line.contains("❌")) {
                        return new Finding(Mark.FAILED, line);
                    }
                    if (line.contains("⚠")) {
                        return new Finding(Mark.WARNING, line);
                    }
                    if (line.contains("✔") || line.contains("✓")) {
                        return new Finding(Mark.PASSED, line);
                    }
                    return null;
                })
                .filter(f -> f != null)
                .toList();
    }

    /** What rake printed when a step raised: the lines after {@code rake aborted!}, up to the backtrace hint. */
    public Optional<String> abort() {
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith("rake aborted!")) {
                StringBuilder message = new StringBuilder();
                for (int j = i + 1;
                        j < lines.size()
                                && !lines.get(j).startsWith("Tasks:")
                                && !lines.get(j).contains("(See full trace");
                        j++) {
                    if (!lines.get(j).isBlank()) {
                        message.append(message.length() == 0 ? "" : " ")
                                .append(lines.get(j).strip());
                    }
                }
                return Optional.of(message.toString());
            }
        }
        return Optional.empty();
    }

    public String commandLine() {
        return String.join(" ", command);
    }
}
