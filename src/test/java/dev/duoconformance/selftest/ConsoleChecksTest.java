package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.junit.Verdict;
import dev.duoconformance.selftest.SuiteRun.CheckResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify-gitlab-setup against fake console commands that print what gitlab-rake prints. */
class ConsoleChecksTest {
    private static final Catalogue CATALOGUE = Catalogue.load(Locale.ENGLISH);
    /** Exported to the tests by the build (pom: surefire environmentVariables), as a user exports a token. */
    private static final String TOKEN_VARIABLE = "DUO_SELFTEST_USER_TOKEN";

    private static final String TOKEN =
            java.util.Objects.requireNonNullElse(System.getenv(TOKEN_VARIABLE), "glpat-console-canary-81f2");

    @TempDir
    Path work;

    @Test
    void aRakeTaskThatPrintsOnlyChecksPasses() throws IOException {
        CheckResult result = verify("""
                [ "$1" = 'gitlab:duo:verify_self_hosted_setup[duo-user]' ] || { echo "unexpected arguments: $*"; exit 2; }
                echo "Verifying AI Gateway URL configuration..."
                echo ">> AI Gateway URL configured: http://aigw:5052 ✔"
                echo "Checking self-hosted model configuration..."
                echo "   No self-hosted models configured ⚠"
                echo ">> AI Gateway server is accessible ✔"
                """, true);

        assertThat(result.passed()).as(result.message()).isTrue();
    }

    @Test
    @Proves(section = "verify-gitlab-setup", cause = "script-reported-failure")
    void aFailedLineFailsTheSectionWithItsRemediationAndNoSecret() throws IOException {
        CheckResult result = verify("""
                echo "Checking AI Gateway accessibility..."
                echo ">> AI Gateway returned HTTP 502 ✗"
                echo "   Response headers: private-token=%s"
                echo "rake aborted!"
                echo "Cannot access AI Gateway. Possible causes:"
                echo "- AI Gateway is not running"
                echo ""
                echo "Tasks: TOP => gitlab:duo:verify_self_hosted_setup"
                exit 1
                """.formatted(TOKEN), true);

        assertThat(result.failed()).isTrue();
        assertThat(result.message())
                .startsWith("[verify-gitlab-setup] ")
                .contains("›› AI Gateway returned HTTP 502 ✗") // what the host printed, made inert for the report
                .contains("rake aborted! Cannot access AI Gateway. Possible causes: - AI Gateway is not running")
                .contains("Try fixing it:\n  1. "
                        + CATALOGUE
                                .section("verify-gitlab-setup")
                                .stepsFor("script-reported-failure")
                                .get(0))
                .doesNotContain(TOKEN);
    }

    @Test
    void aNonZeroExitWithoutMarksFails() throws IOException {
        CheckResult result = verify("echo 'Could not find user duo-user'; exit 1", true);

        assertThat(result.failed()).isTrue();
        assertThat(result.message()).contains("Could not find user duo-user (exit code 1)");
    }

    @Test
    void withoutTheOptInTheTaskDoesNotRun() throws IOException {
        Path ran = work.resolve("ran");
        CheckResult result = verify("touch " + ran, false);

        assertThat(result.message())
                .startsWith(Verdict.NOT_CHECKED + "opt-in: ")
                .endsWith("run with -Dscripts=true to allow it");
        assertThat(ran).doesNotExist();
    }

    @Test
    void aCommandThatOverrunsItsDeadlineIsStopped() throws IOException {
        CheckResult result = verify("exec sleep 60", true);

        assertThat(result.message())
                .startsWith(Verdict.NOT_CHECKED + "the console command ")
                .contains("did not finish within 1s");
    }

    @Test
    void aCommandThatDoesNotExistIsNotChecked() throws IOException {
        Path environments = Files.createDirectories(work.resolve("environments"));
        writeEnvironment(environments, work.resolve("no-such-gitlab-rake").toString());

        CheckResult result = run(environments, true);

        assertThat(result.message())
                .startsWith(Verdict.NOT_CHECKED + "the console command ")
                .contains("could not start");
    }

    private CheckResult verify(String script, boolean optIn) throws IOException {
        Path rake = work.resolve("fake-gitlab-rake");
        Files.writeString(rake, "#!/bin/sh\n" + script);
        Files.setPosixFilePermissions(rake, PosixFilePermissions.fromString("rwx------"));
        Path environments = Files.createDirectories(work.resolve("environments"));
        writeEnvironment(environments, rake.toString());
        return run(environments, optIn);
    }

    private static CheckResult run(Path environments, boolean optIn) {
        SuiteRun run =
                SuiteRun.environment(environments, "console").only("console").with("duo.console.timeout.seconds", "1");
        if (optIn) {
            run.with("scripts", "true");
        }
        return run.run().of("verify-gitlab-setup").get(0);
    }

    private static void writeEnvironment(Path environments, String command) throws IOException {
        Files.writeString(environments.resolve("console.yaml"), """
                gitlab:
                  url: http://127.0.0.1:9
                  user_token: ${%s}
                  console:
                    command: [%s]
                    user: duo-user
                ai_gateway:
                  expected_url: http://aigw.internal:5052
                """.formatted(TOKEN_VARIABLE, command));
    }
}
