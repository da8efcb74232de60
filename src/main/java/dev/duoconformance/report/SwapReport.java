package dev.duoconformance.report;

import dev.duoconformance.config.EnvironmentLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Puts a freshly generated HTML report in place of the previous one. The build generates the report into
 * {@code <report>~new}; only a complete report replaces {@code <report>} (two renames on one file system), so a run
 * stopped during generation (Ctrl-C) leaves the previous report, and the history its trends are built from.
 */
public final class SwapReport {
    static final String NEW = "~new";
    static final String OLD = "~old";

    private SwapReport() {}

    public static void main(String[] args) throws IOException {
        swap(Path.of(args[0]));
    }

    static void swap(Path report) throws IOException {
        // '~' is never part of an environment name, so these siblings cannot be another environment's report.
        if (!EnvironmentLoader.NAME.matcher(report.getFileName().toString()).matches()) {
            throw new IllegalArgumentException("not a report folder of an environment: " + report);
        }
        Path fresh = report.resolveSibling(report.getFileName() + NEW);
        Path old = report.resolveSibling(report.getFileName() + OLD);
        if (!Files.isRegularFile(fresh.resolve("index.html"))) {
            System.err.println("duo-conformance: no complete report was generated; " + report + " is left as it was.");
            return;
        }
        delete(old);
        if (Files.exists(report)) {
            Files.move(report, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, report, StandardCopyOption.ATOMIC_MOVE);
        delete(old);
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
