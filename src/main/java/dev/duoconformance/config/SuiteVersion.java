package dev.duoconformance.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The suite's own version, from the build (a filtered resource), shown in reports and its User-Agent. */
public final class SuiteVersion {
    public static final String SUITE = read();

    private SuiteVersion() {}

    private static String read() {
        try (InputStream in = SuiteVersion.class.getResourceAsStream("/dev/duoconformance/suite.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            String version = properties.getProperty("version", "");
            return version.isBlank() || version.startsWith("${") ? "unknown" : version;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
