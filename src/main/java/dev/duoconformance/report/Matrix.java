package dev.duoconformance.report;

import static dev.duoconformance.report.ComparisonOutput.escapeHtml;
import static dev.duoconformance.report.ComparisonOutput.escapeMarkdown;
import static dev.duoconformance.report.ComparisonOutput.shown;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.config.SuiteVersion;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * All environments side by side: a row per section, a column per environment (or run), the outcome in each cell with
 * its reason. Rows where the environments differ come first, then rows failing everywhere, then the rest collapsed
 * ("19 sections agree: passed everywhere"). Writes Markdown, a self-contained HTML page and JSON.
 *
 * <p>{@code mvn -q compile exec:java@matrix -Denvs=dev,staging,prod [-Dcompare.all=true] [-Dcompare.failOn=failure]}
 */
public final class Matrix {
    static final int MAX_SIDES = 50;

    /** Where a row sits: environments differ, it fails everywhere, or every environment agrees. */
    public enum Group {
        DIFFER,
        FAILING,
        AGREE
    }

    public record Row(String section, Group group, List<Side.Cell> cells) {
        /** The outcome every environment agrees on, for rows that agree. */
        String agreed() {
            return cells.get(0).outcome();
        }
    }

    private Matrix() {}

    public static void main(String[] args) {
        ComparisonOutput.exitOnBug("matrix", Matrix::run);
    }

    private static void run() {
        String envs = System.getProperty("envs", "");
        String failOn = System.getProperty("compare.failOn", "none");
        if (!List.of("none", "failure").contains(failOn)) {
            ComparisonOutput.fail(
                    "matrix",
                    "-Dcompare.failOn=" + failOn + " is not one of: none, failure"
                            + " (regression needs a before and an after: exec:java@compare -Dbase=… -Dhead=…)");
        }
        boolean all = Boolean.parseBoolean(System.getProperty("compare.all", "false"));
        String reports = System.getProperty("compare.reports", "../../allure-report");
        try {
            List<Side> sides = sides(envs);
            List<Row> rows = rows(sides);
            ComparisonOutput.write(
                    "matrix", markdown(sides, rows, all), html(sides, rows, all, reports), json(sides, rows));
            long failing = rows.stream()
                    .flatMap(r -> r.cells().stream())
                    .filter(c -> c.outcome().equals("failed"))
                    .count();
            if (failOn.equals("failure") && failing > 0) {
                System.err.println(
                        "duo-conformance matrix: " + failing + " failing section result(s) (-Dcompare.failOn=failure)");
                System.exit(1);
            }
        } catch (IllegalArgumentException | IOException e) {
            ComparisonOutput.fail("matrix", e.getMessage());
        }
    }

    /** The sides of {@code -Denvs=dev,staging,prod}: each an env, {@code env@previous}, a results folder or a summary file. */
    static List<Side> sides(String envs) {
        List<String> given = Arrays.stream(envs.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (given.isEmpty()) {
            throw new IllegalArgumentException(
                    "Give the environments: -Denvs=dev,staging,prod (each an env, env@previous,"
                            + " a results folder or a summary file)");
        }
        if (given.size() > MAX_SIDES) {
            throw new IllegalArgumentException(given.size() + " sides given; at most " + MAX_SIDES);
        }
        Set<String> seen = new HashSet<>();
        for (String side : given) {
            if (!seen.add(side)) {
                throw new IllegalArgumentException("'" + side + "' is given twice in -Denvs");
            }
        }
        List<Side> sides = new ArrayList<>();
        Set<String> labels = new HashSet<>();
        for (String side : given) {
            Side read = Side.of(side);
            String label = read.label();
            for (int n = 2; !labels.add(label); n++) {
                label = read.label() + " (" + n + ")";
            }
            sides.add(label.equals(read.label()) ? read : read.labelled(label));
        }
        return sides;
    }

    /** Differing rows first (those with a failure before the rest), then failing everywhere, then agreeing; by id within. */
    public static List<Row> rows(List<Side> sides) {
        TreeSet<String> ids = new TreeSet<>();
        sides.forEach(s -> ids.addAll(s.sections().keySet()));
        return ids.stream()
                .map(id -> {
                    List<Side.Cell> cells = sides.stream().map(s -> s.cell(id)).toList();
                    boolean agree =
                            cells.stream().map(Side.Cell::outcome).distinct().count() == 1;
                    Group group = !agree
                            ? Group.DIFFER
                            : cells.get(0).outcome().equals("failed") ? Group.FAILING : Group.AGREE;
                    return new Row(id, group, cells);
                })
                .sorted(Comparator.comparing(Row::group)
                        .thenComparing(r ->
                                r.cells().stream().noneMatch(c -> c.outcome().equals("failed"))))
                .toList();
    }

    /** "19 sections agree: passed everywhere", one line per agreed outcome. */
    public static Map<String, List<String>> agreeing(List<Row> rows) {
        Map<String, List<String>> byOutcome = new LinkedHashMap<>();
        rows.stream()
                .filter(r -> r.group() == Group.AGREE)
                .sorted(Comparator.comparing(Row::agreed).thenComparing(Row::section))
                .forEach(r -> byOutcome
                        .computeIfAbsent(r.agreed(), k -> new ArrayList<>())
                        .add(r.section()));
        return byOutcome;
    }

    static String agreeLine(String outcome, int count) {
        return count + " section" + (count == 1 ? "" : "s") + (count == 1 ? " agrees: " : " agree: ") + shown(outcome)
                + " everywhere";
    }

    /**
     * Reasons are footnotes, one per distinct reason of a section (so a failure shared by every environment is one
     * note naming them all); passed cells have none, their reason is only informative.
     */
    public static String markdown(List<Side> sides, List<Row> rows, boolean all) {
        StringBuilder md = new StringBuilder("## duo-conformance: ")
                .append(String.join(
                        " · ",
                        sides.stream().map(s -> escapeMarkdown(s.label())).toList()))
                .append("\n\n");
        List<Row> tableRows =
                rows.stream().filter(r -> all || r.group() != Group.AGREE).toList();
        Map<List<String>, List<String>> footnotes = new LinkedHashMap<>();
        if (!tableRows.isEmpty()) {
            md.append("| section |");
            sides.forEach(s -> md.append(' ')
                    .append(escapeMarkdown(s.label()))
                    .append(" · ")
                    .append(escapeMarkdown(s.runShown()))
                    .append(" |"));
            md.append("\n|---|").append("---|".repeat(sides.size())).append('\n');
            for (Row r : tableRows) {
                md.append("| `").append(escapeMarkdown(r.section())).append("` |");
                for (int i = 0; i < sides.size(); i++) {
                    Side.Cell cell = r.cells().get(i);
                    String outcome = escapeMarkdown(shown(cell.outcome()));
                    md.append(' ').append(cell.outcome().equals("failed") ? "**" + outcome + "**" : outcome);
                    if (!cell.detail().isEmpty() && !cell.outcome().equals("passed")) {
                        List<String> key = List.of(r.section(), cell.detail());
                        footnotes
                                .computeIfAbsent(key, k -> new ArrayList<>())
                                .add(escapeMarkdown(sides.get(i).label()));
                        md.append("[^")
                                .append(new ArrayList<>(footnotes.keySet()).indexOf(key) + 1)
                                .append(']');
                    }
                    md.append(" |");
                }
                md.append('\n');
            }
            md.append('\n');
        }
        agreeing(rows)
                .forEach((outcome, sections) -> md.append(escapeMarkdown(agreeLine(outcome, sections.size())))
                        .append("  \n"));
        if (!footnotes.isEmpty()) {
            md.append('\n');
            int n = 1;
            for (Map.Entry<List<String>, List<String>> note : footnotes.entrySet()) {
                md.append("[^")
                        .append(n++)
                        .append("]: ")
                        .append(String.join(", ", note.getValue()))
                        .append(" — `")
                        .append(escapeMarkdown(note.getKey().get(0)))
                        .append("`: ")
                        .append(escapeMarkdown(note.getKey().get(1)))
                        .append('\n');
            }
        }
        return md.toString();
    }

    /** {@code reports}: where each environment's Allure report is, relative to the page ({@code <reports>/<env>/index.html}). */
    public static String html(List<Side> sides, List<Row> rows, boolean all, String reports) {
        StringBuilder head = new StringBuilder("<thead><tr><th>section</th>");
        for (Side s : sides) {
            String label = s.report()
                    .map(env -> "<a href=\"" + escapeHtml(reportLink(reports, env)) + "\">" + escapeHtml(s.label())
                            + "</a>")
                    .orElse(escapeHtml(s.label()));
            head.append("<th>")
                    .append(label)
                    .append("<small>GitLab ")
                    .append(escapeHtml(s.gitlabVersion()))
                    .append("</small><small>")
                    .append(escapeHtml(s.timeShown()))
                    .append("</small>")
                    .append(s.coverage()
                            .map(c -> "<small>" + escapeHtml(c.shown()) + "</small>")
                            .orElse(""))
                    .append("</th>");
        }
        head.append("</tr></thead>");
        long differ = rows.stream().filter(r -> r.group() == Group.DIFFER).count();
        long failing = rows.stream().filter(r -> r.group() == Group.FAILING).count();
        StringBuilder body = new StringBuilder("<h1>duo-conformance: ")
                .append(sides.size())
                .append(" environments side by side</h1>")
                .append("<p class=\"lead\">")
                .append(differ)
                .append(" section")
                .append(differ == 1 ? "" : "s")
                .append(" differ, ")
                .append(failing)
                .append(" fail everywhere, ")
                .append(rows.stream().filter(r -> r.group() == Group.AGREE).count())
                .append(" agree. Hover a cell for its reason; each heading links to that environment's report.</p>");
        List<Row> shownRows =
                rows.stream().filter(r -> r.group() != Group.AGREE).toList();
        if (!shownRows.isEmpty() || all) {
            body.append("<table>").append(head).append("<tbody>");
            group(body, sides.size(), "Differ between environments", rows, Group.DIFFER);
            group(body, sides.size(), "Failing everywhere", rows, Group.FAILING);
            if (all) {
                group(body, sides.size(), "Agree everywhere", rows, Group.AGREE);
            }
            body.append("</tbody></table>");
        }
        if (!all) {
            agreeing(rows).forEach((outcome, sections) -> {
                body.append("<details><summary>")
                        .append(escapeHtml(agreeLine(outcome, sections.size())))
                        .append("</summary><table>")
                        .append(head)
                        .append("<tbody>");
                rows.stream()
                        .filter(r -> r.group() == Group.AGREE && r.agreed().equals(outcome))
                        .forEach(r -> row(body, r));
                body.append("</tbody></table></details>");
            });
        }
        return ComparisonOutput.page(
                "duo-conformance: "
                        + String.join(", ", sides.stream().map(Side::label).toList()),
                body.toString());
    }

    private static String reportLink(String reports, String env) {
        return (reports.isEmpty() || reports.equals(".") ? "" : reports.replaceFirst("/+$", "") + "/") + env
                + "/index.html";
    }

    private static void group(StringBuilder body, int columns, String title, List<Row> rows, Group group) {
        List<Row> inGroup = rows.stream().filter(r -> r.group() == group).toList();
        if (inGroup.isEmpty()) {
            return;
        }
        body.append("<tr class=\"group\"><td colspan=\"")
                .append(columns + 1)
                .append("\">")
                .append(escapeHtml(title))
                .append(" (")
                .append(inGroup.size())
                .append(")</td></tr>");
        inGroup.forEach(r -> row(body, r));
    }

    private static void row(StringBuilder body, Row r) {
        body.append("<tr><th>").append(escapeHtml(r.section())).append("</th>");
        for (Side.Cell cell : r.cells()) {
            body.append("<td class=\"")
                    .append(ComparisonOutput.outcomeClass(cell.outcome()))
                    .append('"');
            if (!cell.detail().isEmpty()) {
                body.append(" title=\"").append(escapeHtml(cell.detail())).append('"');
            }
            body.append('>').append(escapeHtml(shown(cell.outcome()))).append("</td>");
        }
        body.append("</tr>");
    }

    public static ObjectNode json(List<Side> sides, List<Row> rows) {
        ObjectMapper json = ComparisonOutput.json();
        ObjectNode root = json.createObjectNode();
        root.put("kind", "matrix");
        root.put("suite_version", SuiteVersion.SUITE);
        ArrayNode environments = root.putArray("environments");
        sides.forEach(s -> environments.add(ComparisonOutput.sideJson(json, s)));
        ArrayNode list = root.putArray("rows");
        rows.forEach(r -> {
            ObjectNode row = list.addObject()
                    .put("section", r.section())
                    .put("group", r.group().name().toLowerCase());
            ArrayNode cells = row.putArray("cells");
            r.cells().forEach(c -> cells.addObject().put("outcome", c.outcome()).put("detail", c.detail()));
        });
        ObjectNode agree = root.putObject("agree");
        agreeing(rows).forEach((outcome, sections) -> agree.put(outcome, sections.size()));
        return root;
    }
}
