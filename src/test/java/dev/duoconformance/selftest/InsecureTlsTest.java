package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.junit.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http.insecure: true} is an explicit opt-in: certificates go unverified, and the report says so. */
class InsecureTlsTest {
    @TempDir
    Path environments;

    @Test
    void aCertificateOfAnUnknownCaIsAcceptedAndTheReportWarns() throws IOException {
        // Without http.ca_bundle the suite cannot verify the demo's private CA; GitLab, which trusts it, still can.
        String demo = Files.readString(Path.of("environments/demo.yaml")).replaceAll("\n  ca_bundle: .*", "");
        Files.writeString(environments.resolve("insecure.yaml"), demo.replace("\nhttp:\n", "\nhttp:\n  insecure: true\n"));

        SuiteRun.Results results = SuiteRun.demo().with("env", "insecure").with("duo.environments.dir", environments.toString()).run();

        assertThat(results.failures()).extracting(SuiteRun.CheckResult::message).isEmpty();
        assertThat(results.of("ai-gateway-can-process-requests")).isNotEmpty().allMatch(SuiteRun.CheckResult::passed);
        assertThat(results.of("ai-gateway-tls")).anySatisfy(r -> assertThat(r.message())
                .isEqualTo(Verdict.NOT_CHECKED + "http.insecure is true, so certificates are deliberately not verified"));
        assertThat(results.outputDirectory().resolve("environment.properties")).content()
                .contains("WARNING=http.insecure is true\\: TLS certificates are not verified");
    }
}
