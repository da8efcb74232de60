package dev.duoconformance.catalogue;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * One troubleshooting section: its stable id, its doc link, and what to do for each documented cause; {@code byRuntime}
 * holds the steps that read differently where the AI gateway does not run in Docker (runtime → cause → steps);
 * {@code notAutomated} holds the documented causes no check raises, each with the reason (cause → reason), in order.
 * {@code fromDoc} is false for a precondition of the suite's own (a configured component answers at all), which the
 * report shows beside the doc's sections, marked as the suite's.
 */
public record Section(
        String id,
        String heading,
        String statement,
        List<String> components,
        URI docUrl,
        Map<String, List<String>> causes,
        Map<String, Map<String, List<String>>> byRuntime,
        Map<String, String> notAutomated,
        boolean fromDoc) {
    /** The runtime whose steps name the Helm chart's values and kubectl. */
    public static final String KUBERNETES = "kubernetes";

    private static final Map<String, String> COMPONENT_TITLES = Map.of(
            "gitlab",
            "GitLab",
            "aigw",
            "AI gateway",
            "model",
            "Model server",
            "runtime",
            "AI gateway runtime",
            "console",
            "GitLab console");

    /** The components, as JUnit tags name them ({@code -Dgroups=aigw}). */
    public static java.util.SortedSet<String> componentIds() {
        return new java.util.TreeSet<>(COMPONENT_TITLES.keySet());
    }

    public String primaryComponent() {
        return components.get(0);
    }

    /** How the report names a component: its epic in Allure, its category of failures. */
    public static String componentTitle(String component) {
        return COMPONENT_TITLES.getOrDefault(component, component);
    }

    public List<String> stepsFor(String cause) {
        List<String> steps = causes.get(cause);
        if (steps == null) {
            throw new IllegalArgumentException(
                    "Section " + id + " documents no cause '" + cause + "'; it has " + causes.keySet());
        }
        return steps;
    }

    /** The steps for {@code cause} where the AI gateway runs on {@code runtime}, or the doc's own when they read the same. */
    public List<String> stepsFor(String cause, String runtime) {
        List<String> steps = stepsFor(cause);
        return byRuntime.getOrDefault(runtime, Map.of()).getOrDefault(cause, steps);
    }
}
