package dev.duoconformance.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The remediation catalogue: {@code catalogue/sections.yaml} (ids, anchors, components, causes) joined with
 * {@code catalogue/remediations.<lang>.yaml} (headings, statements and steps in one language).
 */
public final class Catalogue {
    private final String docVersion;
    private final Map<String, Section> sections;
    private final Labels labels;
    private final Map<String, String> console;

    /** The words framing a failure message, in the catalogue's language. */
    public record Labels(
            String checked,
            String expected,
            String butWas,
            String tryFixingIt,
            String moreInformation,
            String notAutomated) {}

    private Catalogue(String docVersion, Map<String, Section> sections, Labels labels, Map<String, String> console) {
        this.docVersion = docVersion;
        this.sections = sections;
        this.labels = labels;
        this.console = console;
    }

    public static Catalogue load(Locale language) {
        JsonNode structure = read("catalogue/sections.yaml");
        JsonNode text = read("catalogue/remediations." + language.getLanguage() + ".yaml");
        URI page = URI.create(structure.path("doc").path("page").asText());
        Map<String, Section> sections = new LinkedHashMap<>();
        structure.path("sections").fields().forEachRemaining(entry -> {
            String id = entry.getKey();
            JsonNode shape = entry.getValue();
            JsonNode words = text.path("sections").path(id);
            Map<String, List<String>> causes = new LinkedHashMap<>();
            shape.path("causes")
                    .forEach(cause -> causes.put(
                            cause.asText(), strings(words.path("causes").path(cause.asText()))));
            URI docUrl = shape.has("url")
                    ? URI.create(shape.path("url").asText())
                    : page.resolve("#" + shape.path("anchor").asText());
            Map<String, List<String>> kubernetes = new LinkedHashMap<>();
            text.path(Section.KUBERNETES)
                    .path(id)
                    .fields()
                    .forEachRemaining(cause -> kubernetes.put(cause.getKey(), strings(cause.getValue())));
            Map<String, String> notAutomated = new LinkedHashMap<>();
            shape.path("not_automated")
                    .forEach(cause -> notAutomated.put(
                            cause.asText(),
                            words.path("not_automated").path(cause.asText()).asText()));
            sections.put(
                    id,
                    new Section(
                            id,
                            words.path("heading").asText(),
                            words.path("statement").asText(),
                            strings(shape.path("components")),
                            docUrl,
                            Map.copyOf(causes),
                            Map.of(Section.KUBERNETES, Map.copyOf(kubernetes)),
                            Collections.unmodifiableMap(notAutomated),
                            !"suite".equals(shape.path("origin").asText())));
        });
        JsonNode l = text.path("labels");
        Labels labels = new Labels(
                l.path("checked").asText(),
                l.path("expected").asText(),
                l.path("but_was").asText(),
                l.path("try_fixing_it").asText(),
                l.path("more_information").asText(),
                l.path("not_automated").asText());
        Map<String, String> console = new LinkedHashMap<>();
        text.path("console")
                .fields()
                .forEachRemaining(
                        word -> console.put(word.getKey(), word.getValue().asText()));
        return new Catalogue(
                structure.path("doc").path("version").asText(), Map.copyOf(sections), labels, Map.copyOf(console));
    }

    /** The stable ids of every section, whatever the language. */
    public static Set<String> sectionIds() {
        Set<String> ids = new java.util.TreeSet<>();
        read("catalogue/sections.yaml").path("sections").fieldNames().forEachRemaining(ids::add);
        return ids;
    }

    public Section section(String id) {
        Section section = sections.get(id);
        if (section == null) {
            throw new IllegalArgumentException("No troubleshooting section has the id '" + id + "'");
        }
        return section;
    }

    public boolean has(String id) {
        return sections.containsKey(id);
    }

    public Set<String> ids() {
        return sections.keySet();
    }

    public String docVersion() {
        return docVersion;
    }

    public Labels labels() {
        return labels;
    }

    /**
     * A word or line of the console's summary in the catalogue's language, its {@code {name}} placeholders filled from
     * {@code values} (name, value, name, value…).
     */
    public String console(String key, Object... values) {
        String text = console.get(key);
        if (text == null) {
            throw new IllegalArgumentException("The catalogue has no console text '" + key + "'");
        }
        for (int i = 0; i + 1 < values.length; i += 2) {
            text = text.replace("{" + values[i] + "}", String.valueOf(values[i + 1]));
        }
        return text;
    }

    private static JsonNode read(String resource) {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + resource);
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return List.copyOf(values);
    }
}
