package dev.duoconformance.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.catalogue.Shown;
import dev.duoconformance.config.EnvironmentLoader;
import dev.duoconformance.config.RunPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One run's summary as compare and the matrix read it. A side is given as an environment name (its latest run),
 * {@code <env>@previous} (the run before), a results folder or a summary file; paths contain a {@code /} or end in
 * {@code .json}, everything else must be a plain environment name. Summary files are untrusted input: every value read
 * from them is shown escaped, never used as a path.
 *
 * @param label the column or side heading: the name given, or the summary's environment for a path
 * @param report the environment whose Allure report the heading links to ({@code <env>/index.html}), for a latest run
 * @param coverage the summary's {@code coverage}; empty for a summary written before the suite recorded it
 */
public record Side(
        String label,
        Optional<String> report,
        String env,
        String gitlabVersion,
        Optional<Instant> startedAt,
        Optional<Long> durationMs,
        Map<String, Cell> sections,
        Optional<Coverage> coverage) {

    /** A section's outcome ({@code passed}, {@code failed}, {@code waived}, {@code not_checked}) and one-line reason. */
    public record Cell(String outcome, String detail) {
        public static final Cell ABSENT = new Cell("absent", "");
    }

    /** How much of what the run could check it did check: sections passed, failed or waived, of the sections that apply. */
    public record Coverage(long checked, long applicable) {
        /** "20 of 26 sections checked". */
        public String shown() {
            return checked + " of " + applicable + " sections checked";
        }
    }

    private static final int MAX_NAME = 100;
    private static final String PREVIOUS = "@previous";
    /** {@code <env>@baseline}: the summary of the last successful pipeline on the default branch, fetched by {@link Baseline}. */
    public static final String BASELINE = "@baseline";

    private static final long MAX_SUMMARY_BYTES = 16L << 20;
    private static final int MAX_DETAIL = 300;
    private static final DateTimeFormatter SHOWN_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public Cell cell(String section) {
        return sections.getOrDefault(section, Cell.ABSENT);
    }

    /** "GitLab 18.6.1 · 2026-11-29 07:50 UTC · 41 s · 20 of 26 sections checked", what a heading says about the run. */
    public String runShown() {
        return "GitLab " + gitlabVersion + " · " + timeShown()
                + coverage.map(c -> " · " + c.shown()).orElse("");
    }

    /** When the run started and how long it took: "2026-11-29 07:50 UTC · 41 s". */
    public String timeShown() {
        return startedAt.map(SHOWN_TIME::format).orElse("time unknown")
                + durationMs.map(ms -> " · " + Math.round(ms / 1000.0) + " s").orElse("");
    }

    /** Reads a side given on the command line; bad input is an {@link IllegalArgumentException} with one clear message. */
    public static Side of(String given) {
        String side = given.strip();
        if (side.contains("/") || side.contains("\\") || side.endsWith(".json")) {
            Path path = Path.of(side);
            Path file = Files.isDirectory(path) ? path.resolve(RunPaths.SUMMARY_FILE) : path;
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException(
                        side + " is neither a summary file nor a results folder with " + RunPaths.SUMMARY_FILE);
            }
            return read(file, null, Optional.empty());
        }
        boolean previous = side.endsWith(PREVIOUS);
        boolean baseline = side.endsWith(BASELINE);
        String env = previous
                ? side.substring(0, side.length() - PREVIOUS.length())
                : baseline ? side.substring(0, side.length() - BASELINE.length()) : side;
        RunPaths paths = RunPaths.of(plainName(given, env));
        Path file = previous ? paths.previousSummary() : baseline ? paths.baselineSummary() : paths.summary();
        if (baseline && !Files.isRegularFile(file)) {
            throw new NoBaseline(env, file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(
                    "No results for '" + side + "': " + file + " does not exist. Run mvn verify -Denv=" + env
                            + (previous ? " twice (the previous run's summary is kept)" : "")
                            + " first, or give a results folder or summary file.");
        }
        return read(file, side, previous || baseline ? Optional.empty() : Optional.of(env));
    }

    /** An environment name as given on the command line, or one clear message. */
    static String plainName(String given, String env) {
        if (env.length() > MAX_NAME || !EnvironmentLoader.NAME.matcher(env).matches()) {
            throw new IllegalArgumentException(
                    "'" + given + "' is not an environment name (letters, digits, '-', '_' and '.',"
                            + " starting with a letter or digit), <env>@previous, <env>@baseline, a results folder or a summary file");
        }
        return env;
    }

    /** {@code <env>@baseline} was asked for and there is none: the gate decides whether that is accepted. */
    public static final class NoBaseline extends IllegalArgumentException {
        NoBaseline(String env, Path file) {
            super("no baseline: " + file + " does not exist, so there is no earlier run of '" + env
                    + "' to compare with"
                    + " (exec:java@baseline fetches it from the last successful pipeline on the default branch and says why when there is none)."
                    + " The first run of a new environment has none: accept it once with -Dcompare.acceptNoBaseline=true"
                    + " (the component's input accept-no-baseline: true).");
        }
    }

    /** Reads a summary file; {@code label} null takes the summary's environment as the label. */
    public static Side read(Path file, String label, Optional<String> report) {
        JsonNode root;
        try {
            if (Files.size(file) > MAX_SUMMARY_BYTES) {
                throw new IllegalArgumentException(file + " is larger than 16 MiB: not a duo-conformance summary");
            }
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not a duo-conformance summary: "
                    + String.valueOf(e.getMessage()).lines().findFirst().orElse("unreadable"));
        }
        if (root == null || !root.isObject() || !root.path("sections").isArray()) {
            throw new IllegalArgumentException(file + " is not a duo-conformance summary: it has no \"sections\" list");
        }
        Map<String, Cell> sections = new LinkedHashMap<>();
        for (JsonNode s : root.path("sections")) {
            if (!s.path("id").isTextual() || !s.path("outcome").isTextual()) {
                throw new IllegalArgumentException(
                        file + " is not a duo-conformance summary: a section lacks its \"id\" or \"outcome\"");
            }
            sections.put(
                    s.path("id").asText(),
                    new Cell(
                            s.path("outcome").asText(),
                            firstLine(s.path("detail").asText(""))));
        }
        String env = root.path("env").asText("");
        return new Side(
                label == null ? (env.isBlank() ? file.toString() : env) : label,
                report,
                env,
                root.path("gitlab_version").isTextual()
                        ? root.path("gitlab_version").asText()
                        : "unknown",
                instant(root.path("started_at").asText("")),
                root.path("duration_ms").canConvertToLong()
                        ? Optional.of(root.path("duration_ms").asLong())
                        : Optional.empty(),
                sections,
                coverage(root.path("coverage")));
    }

    /** The summary's coverage when it records a sane one (older summaries have none; a hand-made one may lie). */
    private static Optional<Coverage> coverage(JsonNode node) {
        JsonNode checked = node.path("checked");
        JsonNode applicable = node.path("applicable");
        if (!checked.canConvertToLong()
                || !applicable.canConvertToLong()
                || !checked.isIntegralNumber()
                || !applicable.isIntegralNumber()
                || checked.asLong() < 0
                || checked.asLong() > applicable.asLong()) {
            return Optional.empty();
        }
        return Optional.of(new Coverage(checked.asLong(), applicable.asLong()));
    }

    /** The same run under another heading (the matrix numbers two columns that read alike). */
    Side labelled(String newLabel) {
        return new Side(newLabel, report, env, gitlabVersion, startedAt, durationMs, sections, coverage);
    }

    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String firstLine(String text) {
        // A summary file may come from another run or be edited by hand: terminal controls never reach the console.
        String line = Shown.neutralise(text.lines().findFirst().orElse("").strip());
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "…" : line;
    }

    /** A file name for outputs about this side: the label reduced to safe characters. */
    String fileStem() {
        String stem = label.replaceAll("[^A-Za-z0-9@._-]", "_").replaceFirst("^\\.+", "");
        return stem.isEmpty() ? "run" : stem.substring(0, Math.min(stem.length(), 64));
    }
}
