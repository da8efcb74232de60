package dev.duoconformance.catalogue;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** One troubleshooting section: its stable id, its doc link, and what to do for each documented cause. */
public record Section(
        String id,
        String heading,
        String statement,
        List<String> components,
        URI docUrl,
        Map<String, List<String>> causes) {

    public String primaryComponent() {
        return components.get(0);
    }

    public List<String> stepsFor(String cause) {
        List<String> steps = causes.get(cause);
        if (steps == null) {
            throw new IllegalArgumentException("Section " + id + " documents no cause '" + cause + "'; it has " + causes.keySet());
        }
        return steps;
    }
}
