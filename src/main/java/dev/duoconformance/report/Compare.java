package dev.duoconformance.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.duoconformance.config.RunPaths;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Section-by-section comparison of two runs: two environments (staging vs prod), or one environment before and
 * after an upgrade ({@code prod@previous} vs {@code prod}). Prints a table, writes Markdown and a self-contained HTML
 * page, and can fail on a regression to gate a pipeline.
 *
 * <p>{@code mvn -q compile exec:java@compare -Dbase=staging -Dhead=prod [-Dcompare.failOn=regression]}
 */
public final class Compare {

    /** How a section moved from the base run to the head run. */
    public enum Change {
        REGRESSION("regression"), FIXED("fixed"), STILL_FAILING("still failing"), NEWLY_NOT_CHECKABLE("newly not checkable"),
        NEWLY_CHECKED("newly checked"), NEWLY_WAIVED("newly waived"), UNCHANGED("unchanged");

        private final String shown;

        Change(String shown) {
            this.shown = shown;
        }

        public String shown() {
            return shown;
        }
    }

    /** One section's row: outcome on each side ("absent" when a side has no result) and the change. */
    public record Row(String section, String base, String head, Change change, String headDetail) {}

    /** A run's summary as the compare reads it. */
    public record Side(String label, String env, String gitlabVersion, Map<String, JsonNode> sections) {
        public static Side read(String label, Path file) {
            try {
                JsonNode root = new ObjectMapper().readTree(file.toFile());
                Map<String, JsonNode> sections = new LinkedHashMap<>();
                root.path("sections").forEach(s -> sections.put(s.path("id").asText(), s));
                String version = root.path("gitlab_version").isTextual() ? root.path("gitlab_version").asText() : "unknown";
                return new Side(label, root.path("env").asText(), version, sections);
            } catch (IOException e) {
                throw new IllegalArgumentException(file + " is not a duo-conformance summary: " + e.getMessage());
            }
        }

        String outcome(String section) {
            return Optional.ofNullable(sections.get(section)).map(s -> s.path("outcome").asText()).orElse("absent");
        }
    }

    private Compare() {}

    public static void main(String[] args) {
        String base = System.getProperty("base", "");
        String head = System.getProperty("head", "");
        if (base.isBlank() || head.isBlank()) {
            fail("Give both sides: -Dbase=<env|env@previous|results dir|summary file> -Dhead=<…>, e.g. -Dbase=staging -Dhead=prod");
        }
        String failOn = System.getProperty("compare.failOn", "none");
        if (!List.of("none", "regression", "failure").contains(failOn)) {
            fail("-Dcompare.failOn=" + failOn + " is not one of: none, regression, failure");
        }
        try {
            Side baseSide = Side.read(base, locate(base));
            Side headSide = Side.read(head, locate(head));
            List<Row> rows = rows(baseSide, headSide);
            Path out = Path.of(System.getProperty("compare.out", "target/duo-compare"));
            Files.createDirectories(out);
            String name = (base + "-vs-" + head).replaceAll("[^A-Za-z0-9@._-]", "_");
            Files.writeString(out.resolve(name + ".md"), markdown(baseSide, headSide, rows));
            Files.writeString(out.resolve(name + ".html"), html(baseSide, headSide, rows));
            PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
            console.print(markdown(baseSide, headSide, rows));
            console.println("Written: " + out.resolve(name + ".md") + ", " + out.resolve(name + ".html"));
            long regressions = rows.stream().filter(r -> r.change() == Change.REGRESSION).count();
            long failing = rows.stream().filter(r -> r.head().equals("failed")).count();
            if ((failOn.equals("regression") && regressions > 0) || (failOn.equals("failure") && failing > 0)) {
                System.err.println("duo-conformance compare: " + regressions + " regression(s), " + failing + " failing in " + head
                        + " (-Dcompare.failOn=" + failOn + ")");
                System.exit(1);
            }
        } catch (IllegalArgumentException | IOException e) {
            fail(e.getMessage());
        }
    }

    private static void fail(String message) {
        System.err.println("duo-conformance compare: " + message);
        System.exit(2);
    }

    /** An environment name, {@code <env>@previous}, a results directory, or a summary file. */
    static Path locate(String side) {
        Path given = Path.of(side);
        if (Files.isRegularFile(given)) {
            return given;
        }
        if (Files.isDirectory(given) && Files.isRegularFile(given.resolve(RunPaths.SUMMARY_FILE))) {
            return given.resolve(RunPaths.SUMMARY_FILE);
        }
        boolean previous = side.endsWith("@previous");
        String env = previous ? side.substring(0, side.length() - "@previous".length()) : side;
        RunPaths paths = RunPaths.of(env);
        Path file = previous ? paths.previousSummary() : paths.summary();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("No results for '" + side + "': " + file + " does not exist. Run mvn verify -Denv=" + env
                    + (previous ? " twice (the previous run's summary is kept)" : "") + " first, or give a results directory or summary file.");
        }
        return file;
    }

    public static List<Row> rows(Side base, Side head) {
        TreeSet<String> ids = new TreeSet<>(base.sections().keySet());
        ids.addAll(head.sections().keySet());
        return ids.stream().map(id -> {
            String before = base.outcome(id);
            String after = head.outcome(id);
            String detail = Optional.ofNullable(head.sections().get(id)).map(s -> s.path("detail").asText()).orElse("");
            return new Row(id, before, after, change(before, after), detail);
        }).toList();
    }

    static Change change(String before, String after) {
        if (after.equals("failed")) {
            return before.equals("failed") ? Change.STILL_FAILING : Change.REGRESSION;
        }
        if (before.equals("failed") && after.equals("passed")) {
            return Change.FIXED;
        }
        if (after.equals("not_checked") && !before.equals("not_checked") && !before.equals("absent")) {
            return Change.NEWLY_NOT_CHECKABLE;
        }
        if (after.equals("passed") && !before.equals("passed")) {
            return Change.NEWLY_CHECKED;
        }
        if (after.equals("waived") && !before.equals("waived")) {
            return Change.NEWLY_WAIVED;
        }
        return Change.UNCHANGED;
    }

    public static String markdown(Side base, Side head, List<Row> rows) {
        StringBuilder md = new StringBuilder();
        md.append("## duo-conformance: ").append(base.label()).append(" → ").append(head.label()).append("\n\n");
        md.append("GitLab ").append(base.gitlabVersion()).append(" (").append(base.label()).append(") → GitLab ")
                .append(head.gitlabVersion()).append(" (").append(head.label()).append(")\n\n");
        md.append("| section | ").append(base.label()).append(" | ").append(head.label()).append(" | change |\n|---|---|---|---|\n");
        for (Row r : rows) {
            String change = r.change() == Change.REGRESSION ? "**regression**" : r.change().shown();
            md.append("| `").append(r.section()).append("` | ").append(shown(r.base())).append(" | ").append(shown(r.head()))
                    .append(" | ").append(change).append(" |\n");
        }
        Map<Change, Long> counts = new LinkedHashMap<>();
        for (Change c : Change.values()) {
            counts.put(c, rows.stream().filter(r -> r.change() == c).count());
        }
        md.append("\n").append(counts.get(Change.REGRESSION)).append(" regression(s), ").append(counts.get(Change.FIXED)).append(" fixed, ")
                .append(counts.get(Change.STILL_FAILING)).append(" still failing, ").append(counts.get(Change.NEWLY_NOT_CHECKABLE))
                .append(" newly not checkable\n");
        return md.toString();
    }

    public static String html(Side base, Side head, List<Row> rows) {
        StringBuilder html = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>duo-conformance: ")
                .append(escape(base.label())).append(" vs ").append(escape(head.label())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("th,td{border:1px solid #ccc;padding:.35em .7em;text-align:left;vertical-align:top}th{background:#f3f3f3}")
                .append(".regression{background:#fde2e1;font-weight:bold}.fixed{background:#dff5e3}.still-failing{background:#fff1d6}")
                .append(".newly-not-checkable{background:#eceaf8}code{font-size:.95em}</style></head><body>")
                .append("<h1>duo-conformance: ").append(escape(base.label())).append(" → ").append(escape(head.label())).append("</h1>")
                .append("<p>GitLab ").append(escape(base.gitlabVersion())).append(" → GitLab ").append(escape(head.gitlabVersion())).append("</p>")
                .append("<table><tr><th>section</th><th>").append(escape(base.label())).append("</th><th>").append(escape(head.label()))
                .append("</th><th>change</th><th>").append(escape(head.label())).append(" detail</th></tr>");
        for (Row r : rows) {
            html.append("<tr class=\"").append(r.change().shown().replace(' ', '-')).append("\"><td><code>").append(escape(r.section()))
                    .append("</code></td><td>").append(shown(r.base())).append("</td><td>").append(shown(r.head())).append("</td><td>")
                    .append(r.change().shown()).append("</td><td>").append(escape(r.headDetail())).append("</td></tr>");
        }
        return html.append("</table></body></html>\n").toString();
    }

    private static String shown(String outcome) {
        return outcome.replace('_', ' ');
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
