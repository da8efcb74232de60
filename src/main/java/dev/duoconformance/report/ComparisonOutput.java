package dev.duoconformance.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.catalogue.Shown;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What compare and the matrix share: escaping for HTML and Markdown, the self-contained page, the JSON of a side, and
 * writing the three files. Every value shown comes from a summary file, which may be hostile, so none is shown raw.
 */
final class ComparisonOutput {
    static final Map<String, String> OUTCOME_CLASS = Map.of(
            "passed",
            "passed",
            "failed",
            "failed",
            "waived",
            "waived",
            "not_checked",
            "not-checked",
            "absent",
            "absent");

    private ComparisonOutput() {}

    static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Shown.neutralise(text).codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
            }
        });
        return out.toString();
    }

    /**
     * Inline Markdown that stays one table cell or one footnote line: no line breaks, no raw HTML (no {@code <}), no
     * links or footnote references (no {@code [ ]}), no cell separators. Backticks and {@code >} are kept, so the
     * catalogue's code spans still read as code (a backslash escape would show inside them).
     */
    static String escapeMarkdown(String text) {
        StringBuilder out = new StringBuilder(text.length());
        Shown.neutralise(text).codePoints().forEach(c -> {
            if ("\\|<[]".indexOf(c) >= 0) {
                out.append('\\').appendCodePoint(c);
            } else {
                out.appendCodePoint(Character.isISOControl(c) ? ' ' : c);
            }
        });
        return out.toString();
    }

    /** An outcome as read, e.g. {@code not_checked} shown as "not checked". */
    static String shown(String outcome) {
        return outcome.replace('_', ' ');
    }

    /** The CSS class of an outcome's cell; unknown outcomes (a hand-made summary) get none of the known colours. */
    static String outcomeClass(String outcome) {
        return OUTCOME_CLASS.getOrDefault(outcome, "other");
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + escapeHtml(title)
                + "</title><style>"
                + "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2rem;color:#1f1f1f;background:#fff}"
                + "h1{font-size:1.4rem;margin:0 0 .3rem}p.lead{color:#555;margin:0 0 1.2rem}"
                + "table{border-collapse:collapse;margin:.4rem 0 1rem}th,td{border:1px solid #d8d8d8;padding:.4rem .75rem;text-align:left;vertical-align:middle}"
                + "thead th{background:#f4f4f6;font-weight:600;vertical-align:top}thead th small{display:block;font-weight:400;color:#555;font-size:.8rem}"
                + "th a{color:#1f5fbf;text-decoration:none}th a:hover{text-decoration:underline}"
                + "tbody th{font-weight:400;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;font-size:.9rem;white-space:nowrap}"
                + "tr.group td{background:#fafafa;font-weight:600;color:#444;border-left:none;border-right:none}"
                + "td.passed{background:#e3f4e6;color:#17602a}td.failed{background:#fde1df;color:#a1160a;font-weight:600}"
                + "td.not-checked{background:#efefef;color:#555}td.waived{background:#fff1d0;color:#7a5200}"
                + "td.absent{color:#999;font-style:italic}td.other{background:#fff;outline:2px dashed #c00}"
                + "td[title]{cursor:help}td small{display:block;font-weight:400;color:#666;font-size:.78rem;max-width:26rem}"
                + "tr.regression td.change{color:#a1160a;font-weight:700}tr.fixed td.change{color:#17602a;font-weight:600}"
                + "details{margin:.6rem 0}summary{cursor:pointer;color:#333}.muted{color:#666}"
                + "</style></head><body>" + body + "</body></html>\n";
    }

    /** A side as the JSON outputs describe it. */
    static ObjectNode sideJson(ObjectMapper json, Side side) {
        ObjectNode node = json.createObjectNode();
        node.put("label", side.label());
        node.put("env", side.env());
        node.put("gitlab_version", side.gitlabVersion());
        node.put("started_at", side.startedAt().map(Object::toString).orElse(null));
        if (side.durationMs().isPresent()) {
            node.put("duration_ms", side.durationMs().get());
        } else {
            node.putNull("duration_ms");
        }
        node.put("report", side.report().map(env -> env + "/index.html").orElse(null));
        side.coverage()
                .ifPresentOrElse(
                        c -> node.putObject("coverage")
                                .put("checked", c.checked())
                                .put("applicable", c.applicable()),
                        () -> node.putNull("coverage"));
        return node;
    }

    static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** Writes {@code <stem>.md}, {@code .html} and {@code .json} into {@code -Dcompare.out} and prints the Markdown. */
    static void write(String stem, String markdown, String html, JsonNode json) throws IOException {
        Path out = Path.of(System.getProperty("compare.out", "target/duo-compare"));
        Files.createDirectories(out);
        Files.writeString(out.resolve(stem + ".md"), markdown);
        Files.writeString(out.resolve(stem + ".html"), html);
        Files.writeString(out.resolve(stem + ".json"), json().writeValueAsString(json) + "\n");
        PrintStream console = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        console.print(markdown);
        console.println("Written: " + out.resolve(stem + ".md") + ", .html, .json");
    }

    /** Bad input ends the command with one message and exit code 2. */
    static void fail(String command, String message) {
        System.err.println("duo-conformance " + command + ": " + message);
        System.exit(2);
    }

    /**
     * Runs a command; anything it did not expect is a bug of the suite, not of the runs it reads: one line and exit code 3,
     * so a pipeline tells a broken tool from a regression (1) and a bad input (2).
     */
    static void exitOnBug(String command, Runnable body) {
        try {
            body.run();
        } catch (RuntimeException | Error e) {
            System.err.println(
                    "duo-conformance " + command + ": internal error, a bug of the suite (please report it): " + e);
            System.exit(3);
        }
    }
}
