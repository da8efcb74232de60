package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.http.RequestSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests the README promises the suite may send (its "What the suite sends" table), as patterns the
 * simulators' records are checked against: what the suite sends is exactly what it publishes.
 */
final class AllowList {
    private static final Pattern ROW =
            Pattern.compile("^\\| *(gitlab|aigw|model) *\\| *`(GET|POST|PUT|PATCH|DELETE) ([^`]+)`.*\\|.*\\|.*$");

    record Entry(String component, String method, Pattern path) {
        boolean allows(SuiteRun.Received request) {
            return component.equals(request.component())
                    && method.equals(request.method())
                    && path.matcher(request.path()).matches();
        }
    }

    private static final List<Entry> ENTRIES = read();

    private AllowList() {}

    static List<Entry> entries() {
        return ENTRIES;
    }

    /** Every request the suite itself sent (the gateway's own calls to the model carry another User-Agent) is published. */
    static void assertPublished(List<SuiteRun.Received> requests) {
        assertThat(requests)
                .filteredOn(r -> r.agent().equals(RequestSpecs.USER_AGENT))
                .as("requests the suite sent that the README's allow-list does not publish")
                .allMatch(r -> ENTRIES.stream().anyMatch(e -> e.allows(r)), "on the allow-list");
    }

    private static List<Entry> read() {
        try {
            List<Entry> entries = new ArrayList<>();
            for (String line : Files.readAllLines(Path.of("README.md"))) {
                Matcher row = ROW.matcher(line);
                if (row.matches()) {
                    entries.add(new Entry(
                            row.group(1), row.group(2), pathPattern(row.group(3).strip())));
                }
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code {endpoint}} stands for the endpoint's own path (such as /v1); any other {@code {name}} for one path segment. */
    private static Pattern pathPattern(String published) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = Pattern.compile("\\{([a-z_]+)}").matcher(published);
        int last = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(published.substring(last, placeholder.start())));
            regex.append(placeholder.group(1).equals("endpoint") ? "(/[^?]*)?" : "[^/]+");
            last = placeholder.end();
        }
        regex.append(Pattern.quote(published.substring(last)));
        return Pattern.compile(regex.toString());
    }
}
