package dev.duoconformance.config;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.Section;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Run by the build before any check: checks the environment without starting anything (not even the simulators) and
 * stops the run with one message and exit code 2 when it is wrong, so a bad file never turns into a page of failed checks.
 */
public final class ValidateEnvironment {
    /** The exit code of a configuration or usage error (RunVerdict has the others; config must not import report). */
    public static final int CONFIGURATION_ERROR = 2;
    /** Set in the build's JVM when the run starts: the last step reads only a summary written after it. */
    public static final String RUN_STARTED = "duo.run.started";

    private ValidateEnvironment() {}

    /** Every name in {@code -Dgroups} (a JUnit tag expression) is a component or a section id: a typo selects nothing. */
    static void requireKnownTags(String expression) {
        Set<String> known = new TreeSet<>(Catalogue.sectionIds());
        known.addAll(Section.componentIds());
        for (String tag :
                expression.replace("any()", " ").replace("none()", " ").split("[\\s,&|!()]+")) {
            if (!tag.isEmpty() && !known.contains(tag)) {
                throw new ConfigurationException("-Dgroups=" + expression + ": no component or section is named '" + tag
                        + "'. Components: " + String.join(", ", Section.componentIds()) + "; sections: "
                        + String.join(", ", Catalogue.sectionIds()) + ".");
            }
        }
    }

    public static void main(String[] args) {
        String name = args.length > 0 ? args[0] : "";
        Function<String, Optional<String>> parameters = key -> Optional.ofNullable(System.getProperty(key));
        try {
            Locale language = Language.of(System.getProperty("lang"));
            Optional.ofNullable(System.getProperty("groups")).ifPresent(ValidateEnvironment::requireKnownTags);
            RunPaths paths = RunPaths.of(name, parameters);
            Environment environment = new EnvironmentLoader(paths.environments(), System::getenv)
                    .validate(name, SimulatedDeployment.Settings.from(parameters));
            // The build's last step (RunVerdict) reads only a summary this run wrote.
            System.setProperty(RUN_STARTED, Instant.now().toString());
            System.out.println();
            System.out.println("duo-conformance " + SuiteVersion.SUITE + ": environment '" + environment.name() + "' ("
                    + paths.environmentFileShown() + "), checked against GitLab's Duo Self-Hosted troubleshooting doc "
                    + Catalogue.load(language).docVersion()
                    + (language.equals(Locale.ENGLISH) ? "" : ", in " + language.getDisplayLanguage(Locale.ENGLISH)));
        } catch (ConfigurationException e) {
            System.err.println();
            System.err.println("duo-conformance: " + e.getMessage());
            System.err.println();
            System.exit(CONFIGURATION_ERROR);
        }
    }
}
