package dev.duoconformance.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each exit code of a run from what the run left; ExitCodesTest shows them from the real build. */
class RunVerdictTest {
    private static final String CLEAN_FAILSAFE =
            "<failsafe-summary result=\"255\" timeout=\"false\"><completed>41</completed>"
                    + "<errors>0</errors><failures>1</failures><skipped>21</skipped><failureMessage/></failsafe-summary>";
    private final Instant started = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path work;

    Path summary;
    Path failsafe;
    Path report;

    @BeforeEach
    void aCompleteRun() throws IOException {
        summary = work.resolve("summary.json");
        failsafe = work.resolve("failsafe-summary.xml");
        report = Files.createDirectories(work.resolve("report"));
        Files.writeString(report.resolve("index.html"), "<html></html>");
        Files.writeString(failsafe, CLEAN_FAILSAFE);
    }

    private void summaryWith(String startedAt, String... outcomes) throws IOException {
        StringBuilder sections = new StringBuilder();
        for (int i = 0; i < outcomes.length; i++) {
            sections.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"section-")
                    .append(i)
                    .append("\",\"outcome\":\"")
                    .append(outcomes[i])
                    .append("\"}");
        }
        Files.writeString(
                summary,
                "{\"started_at\":\"" + startedAt + "\",\"coverage\":{\"checked\":2,\"applicable\":3},\"sections\":["
                        + sections + "]}");
    }

    private RunVerdict.Decision decide() {
        return RunVerdict.decide(summary, failsafe, report, started);
    }

    @Test
    void passedAndWaivedSectionsExitZeroWithCoverage() throws IOException {
        summaryWith("2026-12-06T10:00:05Z", "passed", "waived", "not_checked");
        assertThat(decide().code()).isZero();
        assertThat(decide().line()).contains("PASSED (exit code 0)").contains("checked 2 of 3 applicable sections");
    }

    @Test
    void aFailedSectionExitsOneAndNamesIt() throws IOException {
        summaryWith("2026-12-06T10:00:05Z", "passed", "failed");
        assertThat(decide().code()).isEqualTo(1);
        assertThat(decide().line()).contains("1 section(s) failed: section-1");
    }

    @Test
    void aBrokenResultIsTheSuitesFailureEvenBesideAFailedSection() throws IOException {
        summaryWith("2026-12-06T10:00:05Z", "failed", "broken");
        assertThat(decide().code()).isEqualTo(3);
        assertThat(decide().line()).contains("SUITE ERROR (exit code 3)").contains("section-1");
    }

    @Test
    void anEarlierRunsSummaryNoSummaryNoReportOrADeadTestJvmExitThree() throws IOException {
        summaryWith("2026-12-06T09:59:00Z", "passed");
        assertThat(decide().line()).contains("exit code 3").contains("an earlier run's");

        Files.delete(summary);
        assertThat(decide().line()).contains("exit code 3").contains("no readable summary");

        summaryWith("2026-12-06T10:00:05Z", "passed");
        Files.delete(report.resolve("index.html"));
        assertThat(decide().line()).contains("exit code 3").contains("no HTML report");

        Files.writeString(report.resolve("index.html"), "<html></html>");
        Files.writeString(
                failsafe,
                CLEAN_FAILSAFE.replace(
                        "<failureMessage/>",
                        "<failureMessage>The forked VM terminated without properly saying goodbye.</failureMessage>"));
        assertThat(decide().line()).contains("exit code 3").contains("the test JVM failed: The forked VM terminated");

        Files.writeString(failsafe, CLEAN_FAILSAFE.replace("timeout=\"false\"", "timeout=\"true\""));
        assertThat(decide().line()).contains("exit code 3").contains("timed out");
    }
}
