package dev.duoconformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report replaces the previous one only once complete: a generation stopped half-way leaves the previous report and its history. */
class SwapReportTest {
    @TempDir
    Path reports;

    private Path report(String name, String marker) throws IOException {
        Path report = reports.resolve(name);
        Files.createDirectories(report.resolve("history"));
        Files.writeString(report.resolve("history/history.json"), marker);
        return report;
    }

    @Test
    void aCompleteReportReplacesThePreviousOne() throws IOException {
        Path previous = report("prod", "ten runs");
        Path fresh = report("prod" + SwapReport.NEW, "eleven runs");
        Files.writeString(fresh.resolve("index.html"), "<html/>");

        SwapReport.swap(previous);

        assertThat(Files.readString(previous.resolve("history/history.json"))).isEqualTo("eleven runs");
        assertThat(reports.resolve("prod" + SwapReport.NEW)).doesNotExist();
        assertThat(reports.resolve("prod" + SwapReport.OLD)).doesNotExist();
    }

    @Test
    void aGenerationStoppedHalfWayLeavesThePreviousReport() throws IOException {
        Path previous = report("prod", "ten runs");
        report("prod" + SwapReport.NEW, "partial"); // Ctrl-C before index.html was written

        SwapReport.swap(previous);

        assertThat(Files.readString(previous.resolve("history/history.json"))).isEqualTo("ten runs");
    }

    @Test
    void onlyAnEnvironmentsReportFolderIsSwapped() {
        assertThatThrownBy(() -> SwapReport.swap(reports.resolve("..")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a report folder");
    }
}
