package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.Failure;
import dev.duoconformance.catalogue.FailureRenderer;
import dev.duoconformance.config.Secret;
import dev.duoconformance.http.Redactor;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FailureRendererTest {
    private final Catalogue catalogue = Catalogue.load(Locale.ENGLISH);

    @Test
    void rendersTheDesignedShape() {
        FailureRenderer renderer = new FailureRenderer(catalogue, new Redactor(List.of()));
        String message = renderer.render(new Failure(
                "ai-gateway-can-process-requests",
                "unhealthy",
                "GET http://aigw.internal:5052/monitoring/healthz",
                "HTTP 200",
                "connection refused"));

        List<String> steps =
                catalogue.section("ai-gateway-can-process-requests").stepsFor("unhealthy");
        StringBuilder expected = new StringBuilder()
                .append("[ai-gateway-can-process-requests] ")
                .append(catalogue.section("ai-gateway-can-process-requests").statement())
                .append('\n')
                .append("  Checked:  GET http://aigw.internal:5052/monitoring/healthz\n")
                .append("  Expected: HTTP 200\n")
                .append("  But was:  connection refused\n")
                .append("Try fixing it:\n");
        for (int i = 0; i < steps.size(); i++) {
            expected.append("  ")
                    .append(i + 1)
                    .append(". ")
                    .append(steps.get(i))
                    .append('\n');
        }
        expected.append(
                "For more information see: https://docs.gitlab.com/administration/gitlab_duo_self_hosted/troubleshooting/"
                        + "#check-if-ai-gateway-can-process-requests");
        assertThat(message).isEqualTo(expected.toString());
    }

    @Test
    void continuationLinesStayAlignedAndSecretsAreRedacted() {
        FailureRenderer renderer =
                new FailureRenderer(catalogue, new Redactor(List.of(Secret.of("sk-live-0123456789"))));
        String message = renderer.render(new Failure(
                "vllm-404", "missing-v1", "endpoint", "…/v1", "first line with sk-live-0123456789\nsecond line"));
        assertThat(message)
                .contains("  But was:  first line with [REDACTED]\n            second line\n")
                .doesNotContain("sk-live-0123456789");
    }
}
