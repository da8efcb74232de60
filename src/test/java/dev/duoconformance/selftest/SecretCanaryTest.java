package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.duoconformance.config.RunPaths;
import dev.duoconformance.report.Compare;
import dev.duoconformance.report.Matrix;
import dev.duoconformance.report.Side;
import dev.duoconformance.simulator.Simulation;
import dev.duoconformance.simulator.fault.Fault;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.reporting.legacy.xml.LegacyXmlReportGeneratingListener;

/**
 * A run like a user's — the JUnit launcher with Allure's listener and a JUnit XML report — against a deployment whose
 * model API key and GitLab tokens are canaries: they travel in the suite's requests, and appear in none of its outputs
 * (console, Allure results and attachments, JUnit XML, the summary file, the compare built from it).
 */
class SecretCanaryTest {
    @TempDir
    Path work;

    @Test
    void noTokenOrKeyAppearsInAnyOutput() throws IOException {
        FileTime started = FileTime.from(Instant.now().minusSeconds(1));
        Path allureResults = Path.of(System.getProperty("allure.results.directory", "allure-results"));
        Path junitXml = work.resolve("junit-xml");
        Path output = work.resolve("output");
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(SuiteRun.CHECKS))
                .configurationParameter("env", "demo")
                .configurationParameter(
                        "demo.faults",
                        String.join(",", Fault.AIGW_CUSTOM_MODELS_DISABLED.id(), Fault.MODEL_ECHOES_KEY_ENCODED.id()))
                .configurationParameter("duo.output.dir", output.toString())
                .build();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        try (PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            System.setErr(capture);
            Launcher launcher = LauncherFactory.create();
            launcher.execute(request, new LegacyXmlReportGeneratingListener(junitXml, new PrintWriter(capture)));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).as("the run printed its summary").contains("Sections:");
        String files = contentsOf(started, allureResults, junitXml, output);
        assertThat(files).as("the run wrote its results").contains("[model-reachable-from-ai-gateway]");
        assertThat(files)
                .as("the key was in requests the suite made, and was masked")
                .contains("[REDACTED]");
        Side side = Side.read(output.resolve(RunPaths.SUMMARY_FILE), "demo", Optional.empty());
        List<Compare.Row> rows = Compare.rows(side, side);
        List<Matrix.Row> matrix = Matrix.rows(List.of(side, side));
        String compared = Compare.markdown(side, side, rows, true)
                + Compare.html(side, side, rows, true)
                + Compare.json(side, side, rows)
                + Matrix.markdown(List.of(side, side), matrix, true)
                + Matrix.html(List.of(side, side), matrix, true, ".")
                + Matrix.json(List.of(side, side), matrix);
        assertThat(compared).contains("model-reachable-from-ai-gateway");
        String everything = printed + files + compared;
        for (String secret :
                List.of(Simulation.MODEL_API_KEY, Simulation.GITLAB_ADMIN_TOKEN, Simulation.GITLAB_USER_TOKEN)) {
            assertThat(everything)
                    .as("every form of a secret")
                    .doesNotContain(
                            secret,
                            Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                            Base64.getEncoder().encodeToString(("Bearer " + secret).getBytes(StandardCharsets.UTF_8)),
                            Base64.getUrlEncoder()
                                    .withoutPadding()
                                    .encodeToString(secret.getBytes(StandardCharsets.UTF_8)),
                            URLEncoder.encode(secret, StandardCharsets.UTF_8),
                            secret.replace("\"", "\\\""),
                            secret.replace("\"", "&quot;"));
        }
    }

    private static String contentsOf(FileTime since, Path... directories) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path directory : directories) {
            if (!Files.isDirectory(directory)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(directory)) {
                List<Path> regular = files.filter(Files::isRegularFile)
                        .filter(f -> modifiedSince(f, since))
                        .toList();
                for (Path file : regular) {
                    all.append(Files.readString(file, StandardCharsets.ISO_8859_1))
                            .append('\n');
                }
            }
        }
        return all.toString();
    }

    private static boolean modifiedSince(Path file, FileTime since) {
        try {
            return Files.getLastModifiedTime(file).compareTo(since) >= 0;
        } catch (IOException e) {
            return true;
        }
    }
}
