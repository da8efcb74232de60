package dev.duoconformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.Section;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Allure's {@code categories.json}: one category per component, plus blocked and not-checkable results. */
final class Categories {
    private Categories() {}

    static String json(Catalogue catalogue) {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ArrayNode categories = json.createArrayNode();
        Set<String> components = new LinkedHashSet<>();
        catalogue.ids().stream().sorted().map(catalogue::section).forEach(s -> components.add(s.primaryComponent()));
        for (String component : components) {
            String ids = catalogue.ids().stream()
                    .map(catalogue::section)
                    .filter(s -> s.primaryComponent().equals(component))
                    .map(Section::id)
                    .map(Pattern::quote)
                    .collect(Collectors.joining("|"));
            category(
                    categories, Section.componentTitle(component) + " failures", "failed", "(?s)\\[(" + ids + ")\\].*");
        }
        category(categories, "Waived failures", "skipped", "(?s)waived until .*");
        category(categories, "Blocked by an upstream failure", "skipped", "(?s)not checked: blocked by .*");
        category(categories, "Not checkable from here", "skipped", "(?s)not checked: .*");
        category(categories, "Suite defects", "broken", "(?s).*");
        try {
            return json.writeValueAsString(categories);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void category(ArrayNode categories, String name, String status, String messageRegex) {
        ObjectNode category = categories.addObject();
        category.put("name", name);
        category.putArray("matchedStatuses").add(status);
        category.put("messageRegex", messageRegex);
    }
}
