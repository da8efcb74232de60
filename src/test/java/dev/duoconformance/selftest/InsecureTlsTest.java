package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.junit.Verdict;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code http.insecure: true} is an explicit opt-in: certificates go unverified, and the report says so. */
class InsecureTlsTest {
    @TempDir
    Path environments;

    @Test
    void aCertificateOfAnUnknownCaIsAcceptedAndTheReportWarns() {
        // Without http.ca_bundle the suite cannot verify the demo's private CA; GitLab, which trusts it, still can.
        SuiteRun.Results results = SuiteRun.demoVariant(
                        environments,
                        "insecure",
                        demo -> demo.replaceAll("\n  ca_bundle: .*", "")
                                .replace("\nhttp:\n", "\nhttp:\n  insecure: true\n"))
                .run();

        assertThat(results.failures()).extracting(SuiteRun.CheckResult::message).isEmpty();
        assertThat(results.of("ai-gateway-can-process-requests")).isNotEmpty().allMatch(SuiteRun.CheckResult::passed);
        assertThat(results.of("ai-gateway-tls"))
                .anySatisfy(r -> assertThat(r.message())
                        .isEqualTo(Verdict.NOT_CHECKED
                                + "http.insecure is true, so certificates are deliberately not verified"));
        assertThat(results.outputDirectory().resolve("environment.properties"))
                .content()
                .contains("WARNING=http.insecure is true\\: TLS certificates are not verified");
    }
}
