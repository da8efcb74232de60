package dev.duoconformance.selftest;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** A child process of a self-test, awaited with a deadline (killed after it), its output read from a file, not a pipe. */
record BoundedProcess(int exitCode, String output) {
    static BoundedProcess run(ProcessBuilder builder, Duration deadline) throws IOException {
        Path output = Files.createTempFile("duo-selftest-process", ".log");
        try {
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            try {
                await(String.join(" ", builder.command()))
                        .atMost(deadline)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> !process.isAlive());
            } finally {
                process.destroyForcibly();
            }
            return new BoundedProcess(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
