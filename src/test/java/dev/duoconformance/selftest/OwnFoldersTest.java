package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.config.RunPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's step that empties the results before a run (the pom's clean-allure-results): a symbolic link at a folder
 * the run owns stops the build with one message and exit code 2, and nothing behind any link is deleted.
 */
class OwnFoldersTest {
    @TempDir
    Path project;

    @TempDir
    Path elsewhere;

    private BoundedProcess clean() throws IOException {
        List<String> command = List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.duoconformance.config.OwnFolders",
                project.toString(),
                project.resolve("allure-results/prod").toString(),
                project.resolve("allure-report/prod").toString(),
                project.resolve("target/failsafe-reports/prod").toString());
        return BoundedProcess.run(new ProcessBuilder(command), Duration.ofSeconds(60));
    }

    @Test
    void aLinkAtAFolderTheRunOwnsStopsTheBuildAndDeletesNothing() throws IOException {
        Path precious = Files.writeString(elsewhere.resolve("precious.txt"), "keep me");
        for (String owned : List.of(
                "allure-results", "allure-results/prod", "allure-report/prod", "target/failsafe-reports/prod")) {
            Path link = project.resolve(owned);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, elsewhere);

            BoundedProcess run = clean();

            assertThat(run.exitCode()).as(owned).isEqualTo(2);
            assertThat(run.output().strip())
                    .as(owned)
                    .startsWith("duo-conformance: ")
                    .contains(" is a symbolic link (to " + elsewhere + ")")
                    .contains("remove the link")
                    .doesNotContain("Exception");
            assertThat(precious).as(owned).hasContent("keep me");
            Files.delete(link);
        }
    }

    @Test
    void aFileWhereAFolderBelongsIsRefused() throws IOException {
        Files.createDirectories(project.resolve("allure-report"));
        Files.writeString(project.resolve("allure-report/prod"), "not a folder");
        BoundedProcess run = clean();
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("allure-report/prod is not a folder");
    }

    @Test
    void emptyingTheResultsKeepsTheSummaryAndRemovesALinkInsideWithoutFollowingIt() throws IOException {
        Path precious = Files.writeString(elsewhere.resolve("precious.txt"), "keep me");
        Path results = Files.createDirectories(project.resolve("allure-results/prod/history"));
        Files.writeString(results.resolve("old-result.json"), "{}");
        Path summary = Files.writeString(project.resolve("allure-results/prod").resolve(RunPaths.SUMMARY_FILE), "{}");
        Path inside = Files.createSymbolicLink(project.resolve("allure-results/prod/linked"), elsewhere);

        BoundedProcess run = clean();

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(summary).exists();
        assertThat(results).doesNotExist();
        assertThat(inside).doesNotExist();
        assertThat(precious).hasContent("keep me");
    }
}
