package dev.duoconformance.report;

import static dev.duoconformance.report.ComparisonOutput.escapeHtml;
import static dev.duoconformance.report.ComparisonOutput.escapeMarkdown;
import static dev.duoconformance.report.ComparisonOutput.shown;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.config.SuiteVersion;
import java.io.IOException;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Section-by-section comparison of two runs: two environments (staging vs prod), or one environment before and
 * after an upgrade ({@code prod@previous} vs {@code prod}). Changes first — regressions, then fixes, then the other
 * changes and what still fails — and the unchanged sections in one line. Writes Markdown, a self-contained HTML page
 * and JSON, and can fail on a regression to gate a pipeline. A section that was passed (or waived) and is now not checked
 * is a regression too, "coverage lost": an upgrade that makes sections uncheckable must not pass the gate unnoticed.
 *
 * <p>{@code mvn -q compile exec:java@compare -Dbase=staging -Dhead=prod [-Dcompare.failOn=regression] [-Dcompare.all=true]
 * [-Dcompare.allowCoverageLoss=true] [-Dcompare.acceptNoBaseline=true]}
 *
 * <p>Exit codes: 0 nothing to gate on; 1 the gate found a regression (or a failure, with {@code failOn=failure}), or
 * {@code <env>@baseline} has no baseline and the first run was not accepted; 2 bad input; 3 a bug of the suite.
 */
public final class Compare {

    /** How a section moved from the base run to the head run, in the order the comparison lists them. */
    public enum Change {
        REGRESSION("regression"),
        COVERAGE_LOST("coverage lost"),
        FIXED("fixed"),
        NEWLY_NOT_CHECKABLE("newly not checkable"),
        NEWLY_WAIVED("newly waived"),
        NOT_REPORTED("not reported"),
        NEWLY_CHECKED("newly checked"),
        OTHER("changed"),
        STILL_FAILING("still failing"),
        UNCHANGED("unchanged");

        private final String shown;

        Change(String shown) {
            this.shown = shown;
        }

        public String shown() {
            return shown;
        }
    }

    /** One section's row: the cell on each side ("absent" when a side has no result) and the change. */
    public record Row(String section, Side.Cell base, Side.Cell head, Change change) {}

    private Compare() {}

    public static void main(String[] args) {
        ComparisonOutput.exitOnBug("compare", Compare::run);
    }

    private static void run() {
        String base = System.getProperty("base", "");
        String head = System.getProperty("head", "");
        if (base.isBlank() || head.isBlank()) {
            ComparisonOutput.fail(
                    "compare",
                    "Give both sides: -Dbase=<env|env@previous|results folder|summary file> -Dhead=<…>,"
                            + " e.g. -Dbase=staging -Dhead=prod (more than two: exec:java@matrix -Denvs=dev,staging,prod)");
        }
        String failOn = System.getProperty("compare.failOn", "none");
        if (!List.of("none", "regression", "failure").contains(failOn)) {
            ComparisonOutput.fail(
                    "compare", "-Dcompare.failOn=" + failOn + " is not one of: none, regression, failure");
        }
        boolean all = Boolean.parseBoolean(System.getProperty("compare.all", "false"));
        boolean allowCoverageLoss = Boolean.parseBoolean(System.getProperty("compare.allowCoverageLoss", "false"));
        boolean acceptNoBaseline = Boolean.parseBoolean(System.getProperty("compare.acceptNoBaseline", "false"));
        try {
            Side baseSide = Side.of(base);
            Side headSide = Side.of(head);
            List<Row> rows = rows(baseSide, headSide, allowCoverageLoss);
            ComparisonOutput.write(
                    baseSide.fileStem() + "-vs-" + headSide.fileStem(),
                    markdown(baseSide, headSide, rows, all),
                    html(baseSide, headSide, rows, all),
                    json(baseSide, headSide, rows));
            long regressions = count(rows, Change.REGRESSION) + count(rows, Change.COVERAGE_LOST);
            long failing = rows.stream()
                    .filter(r -> r.head().outcome().equals("failed"))
                    .count();
            if ((failOn.equals("regression") && regressions > 0) || (failOn.equals("failure") && failing > 0)) {
                System.err.println("duo-conformance compare: " + regressions + " regression(s) ("
                        + count(rows, Change.COVERAGE_LOST) + " of them coverage lost), " + failing + " failing in "
                        + headSide.label() + " (-Dcompare.failOn=" + failOn + ")");
                System.exit(1);
            }
        } catch (Side.NoBaseline e) {
            System.err.println("duo-conformance compare: " + e.getMessage());
            if (!acceptNoBaseline) {
                System.exit(1);
            }
            System.err.println(
                    "duo-conformance compare: accepted as the first run (-Dcompare.acceptNoBaseline=true): nothing to compare with.");
        } catch (IllegalArgumentException | IOException e) {
            ComparisonOutput.fail("compare", e.getMessage());
        }
    }

    /** Every section of either side, changes first (in {@link Change} order), then by section id; coverage lost counts. */
    public static List<Row> rows(Side base, Side head) {
        return rows(base, head, false);
    }

    /** {@code allowCoverageLoss}: a section passed before and not checked now is only "newly not checkable". */
    public static List<Row> rows(Side base, Side head, boolean allowCoverageLoss) {
        TreeSet<String> ids = new TreeSet<>(base.sections().keySet());
        ids.addAll(head.sections().keySet());
        return ids.stream()
                .map(id -> new Row(
                        id, base.cell(id), head.cell(id), change(base.cell(id), head.cell(id), allowCoverageLoss)))
                .sorted(Comparator.comparing(Row::change))
                .toList();
    }

    static Change change(Side.Cell before, Side.Cell after, boolean allowCoverageLoss) {
        Change change = change(before.outcome(), after.outcome());
        // The same reason on both sides (a summary that kept a not-checked reason beside a pass) lost nothing new.
        boolean sameReason = !after.detail().isEmpty() && after.detail().equals(before.detail());
        return change == Change.COVERAGE_LOST && (allowCoverageLoss || sameReason)
                ? Change.NEWLY_NOT_CHECKABLE
                : change;
    }

    static Change change(String before, String after) {
        if (after.equals(before)) {
            return after.equals("failed") ? Change.STILL_FAILING : Change.UNCHANGED;
        }
        return switch (after) {
            case "failed" -> Change.REGRESSION;
            case "passed" -> before.equals("failed") ? Change.FIXED : Change.NEWLY_CHECKED;
            case "not_checked" ->
                before.equals("absent")
                        ? Change.OTHER
                        : before.equals("passed") || before.equals("waived")
                                ? Change.COVERAGE_LOST
                                : Change.NEWLY_NOT_CHECKABLE;
            case "waived" -> Change.NEWLY_WAIVED;
            case "absent" -> Change.NOT_REPORTED;
            default -> Change.OTHER;
        };
    }

    private static long count(List<Row> rows, Change change) {
        return rows.stream().filter(r -> r.change() == change).count();
    }

    private static boolean shownAsRow(Row row, boolean all) {
        return all || row.change() != Change.UNCHANGED;
    }

    /** "17 sections unchanged (12 passed, 5 not checked)". */
    static String unchangedLine(List<Row> rows) {
        List<Row> unchanged =
                rows.stream().filter(r -> r.change() == Change.UNCHANGED).toList();
        Map<String, Long> byOutcome = unchanged.stream()
                .collect(Collectors.groupingBy(
                        r -> shown(r.head().outcome()), java.util.TreeMap::new, Collectors.counting()));
        return unchanged.size() + " section" + (unchanged.size() == 1 ? "" : "s") + " unchanged"
                + (byOutcome.isEmpty()
                        ? ""
                        : byOutcome.entrySet().stream()
                                .map(e -> e.getValue() + " " + e.getKey())
                                .collect(Collectors.joining(", ", " (", ")")));
    }

    static String totalsLine(List<Row> rows) {
        Map<Change, Long> counts = new EnumMap<>(Change.class);
        rows.forEach(r -> counts.merge(r.change(), 1L, Long::sum));
        return counts.getOrDefault(Change.REGRESSION, 0L) + " regression(s), "
                + counts.getOrDefault(Change.COVERAGE_LOST, 0L)
                + " coverage lost, " + counts.getOrDefault(Change.FIXED, 0L) + " fixed, "
                + counts.getOrDefault(Change.STILL_FAILING, 0L) + " still failing, "
                + counts.getOrDefault(Change.NEWLY_NOT_CHECKABLE, 0L) + " newly not checkable";
    }

    public static String markdown(Side base, Side head, List<Row> rows, boolean all) {
        StringBuilder md = new StringBuilder();
        md.append("## duo-conformance: ")
                .append(escapeMarkdown(base.label()))
                .append(" → ")
                .append(escapeMarkdown(head.label()))
                .append("\n\n");
        md.append("- ")
                .append(escapeMarkdown(base.label()))
                .append(": ")
                .append(escapeMarkdown(base.runShown()))
                .append('\n');
        md.append("- ")
                .append(escapeMarkdown(head.label()))
                .append(": ")
                .append(escapeMarkdown(head.runShown()))
                .append("\n\n");
        List<Row> shownRows = rows.stream().filter(r -> shownAsRow(r, all)).toList();
        if (!shownRows.isEmpty()) {
            md.append("| section | ")
                    .append(escapeMarkdown(base.label()))
                    .append(" | ")
                    .append(escapeMarkdown(head.label()))
                    .append(" | change | ")
                    .append(escapeMarkdown(head.label()))
                    .append(" detail |\n|---|---|---|---|---|\n");
            for (Row r : shownRows) {
                String change = r.change() == Change.REGRESSION || r.change() == Change.COVERAGE_LOST
                        ? "**" + r.change().shown() + "**"
                        : r.change().shown();
                md.append("| `")
                        .append(escapeMarkdown(r.section()))
                        .append("` | ")
                        .append(escapeMarkdown(shown(r.base().outcome())))
                        .append(" | ")
                        .append(escapeMarkdown(shown(r.head().outcome())))
                        .append(" | ")
                        .append(change)
                        .append(" | ")
                        .append(escapeMarkdown(r.head().detail()))
                        .append(" |\n");
            }
            md.append('\n');
        }
        if (!all) {
            md.append(unchangedLine(rows)).append('\n');
        }
        return md.append(totalsLine(rows)).append('\n').toString();
    }

    public static String html(Side base, Side head, List<Row> rows, boolean all) {
        StringBuilder body = new StringBuilder("<h1>duo-conformance: ")
                .append(escapeHtml(base.label()))
                .append(" → ")
                .append(escapeHtml(head.label()))
                .append("</h1><p class=\"lead\">")
                .append(escapeHtml(base.label()))
                .append(": ")
                .append(escapeHtml(base.runShown()))
                .append("<br>")
                .append(escapeHtml(head.label()))
                .append(": ")
                .append(escapeHtml(head.runShown()))
                .append("</p><table><thead><tr><th>section</th><th>")
                .append(escapeHtml(base.label()))
                .append("</th><th>")
                .append(escapeHtml(head.label()))
                .append("</th><th>change</th></tr></thead><tbody>");
        for (Row r : rows.stream().filter(r -> shownAsRow(r, all)).toList()) {
            body.append("<tr class=\"")
                    .append(r.change().name().toLowerCase().replace('_', '-'))
                    .append("\"><th>")
                    .append(escapeHtml(r.section()))
                    .append("</th>")
                    .append(cell(r.base()))
                    .append(cell(r.head()))
                    .append("<td class=\"change\">")
                    .append(escapeHtml(r.change().shown()))
                    .append("</td></tr>");
        }
        body.append("</tbody></table>");
        if (!all) {
            body.append("<p class=\"muted\">")
                    .append(escapeHtml(unchangedLine(rows)))
                    .append("</p>");
        }
        body.append("<p>").append(escapeHtml(totalsLine(rows))).append("</p>");
        return ComparisonOutput.page("duo-conformance: " + base.label() + " → " + head.label(), body.toString());
    }

    private static String cell(Side.Cell cell) {
        String title = cell.detail().isEmpty() ? "" : " title=\"" + escapeHtml(cell.detail()) + "\"";
        return "<td class=\"" + ComparisonOutput.outcomeClass(cell.outcome()) + "\"" + title + ">"
                + escapeHtml(shown(cell.outcome()))
                + (cell.detail().isEmpty() ? "" : "<small>" + escapeHtml(cell.detail()) + "</small>") + "</td>";
    }

    public static ObjectNode json(Side base, Side head, List<Row> rows) {
        ObjectMapper json = ComparisonOutput.json();
        ObjectNode root = json.createObjectNode();
        root.put("kind", "comparison");
        root.put("suite_version", SuiteVersion.SUITE);
        root.set("base", ComparisonOutput.sideJson(json, base));
        root.set("head", ComparisonOutput.sideJson(json, head));
        ArrayNode list = root.putArray("rows");
        rows.forEach(r -> list.addObject()
                .put("section", r.section())
                .put("change", r.change().name().toLowerCase())
                .put("base", r.base().outcome())
                .put("head", r.head().outcome())
                .put("base_detail", r.base().detail())
                .put("head_detail", r.head().detail()));
        ObjectNode counts = root.putObject("counts");
        for (Change c : Change.values()) {
            counts.put(c.name().toLowerCase(), count(rows, c));
        }
        return root;
    }
}
