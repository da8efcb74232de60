package dev.duoconformance.report;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generates the Allure HTML report with the Allure command line the build unpacked from Maven Central, in a JVM of its
 * own, its output in a log file, then swaps it in ({@link SwapReport}). A report that cannot be generated never fails
 * the build here: the build's last step ({@link RunVerdict}) finds no report and says so with exit code 3.
 */
public final class HtmlReport {
    private static final long DEADLINE_MINUTES = 5;

    private HtmlReport() {}

    /** {@code args}: the Allure results folder, the report folder, the Allure command line's home, the log file. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path results = Path.of(args[0]);
        Path report = Path.of(args[1]);
        Path allureHome = Path.of(args[2]);
        Path log = Path.of(args[3]);
        Files.createDirectories(log.toAbsolutePath().getParent());
        Path fresh = report.resolveSibling(report.getFileName() + SwapReport.NEW);
        String javaCommand =
                Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = allureHome.resolve("lib") + File.separator + "*" + File.pathSeparator
                + allureHome.resolve("lib").resolve("config");
        ProcessBuilder generate = new ProcessBuilder(List.of(
                        javaCommand,
                        "-classpath",
                        classpath,
                        "io.qameta.allure.CommandLine",
                        "generate",
                        "--clean",
                        "--output",
                        fresh.toString(),
                        results.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        generate.environment().put("APP_HOME", allureHome.toAbsolutePath().toString());
        Process process = generate.start();
        if (!process.waitFor(DEADLINE_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            Files.writeString(
                    log,
                    "\nduo-conformance: the report was not generated within " + DEADLINE_MINUTES + " minutes\n",
                    StandardOpenOption.APPEND);
        }
        SwapReport.swap(report);
    }
}
