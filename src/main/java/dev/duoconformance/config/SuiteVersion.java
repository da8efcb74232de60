package dev.duoconformance.config;

/**
 * The suite's own version, shown in reports and its User-Agent. Written here, not filtered into a resource by the
 * build: a filtered resource makes {@code mvn -X} print every property it was filtered with, the process
 * environment's secrets included. {@code SuiteVersionTest} holds it equal to the pom's version.
 */
public final class SuiteVersion {
    public static final String SUITE = "0.1.0";

    private SuiteVersion() {}
}
