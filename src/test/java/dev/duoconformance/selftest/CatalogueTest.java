package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.Section;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.sections.AllSections;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalogue is complete in both languages, and every check class is wired to its section. */
class CatalogueTest {
    private final Catalogue english = Catalogue.load(Locale.ENGLISH);
    private final Catalogue korean = Catalogue.load(Locale.KOREAN);

    @Test
    void everySectionHasHeadingStatementAndStepsForEachCauseInBothLanguages() {
        assertThat(korean.ids()).isEqualTo(english.ids());
        for (String id : english.ids()) {
            for (Catalogue catalogue : List.of(english, korean)) {
                Section section = catalogue.section(id);
                assertThat(section.heading()).as(id).isNotBlank();
                assertThat(section.statement()).as(id).isNotBlank();
                assertThat(section.causes()).as(id).isNotEmpty();
                section.causes()
                        .forEach((cause, steps) -> assertThat(steps)
                                .as(id + "/" + cause)
                                .isNotEmpty()
                                .allMatch(s -> !s.isBlank()));
            }
            assertThat(korean.section(id).causes().keySet())
                    .isEqualTo(english.section(id).causes().keySet());
            assertThat(english.section(id).docUrl().toString()).startsWith("https://docs.gitlab.com/");
        }
        assertThat(korean.labels().tryFixingIt()).isNotEqualTo(english.labels().tryFixingIt());
    }

    @Test
    void noStepLooksLikeAnHtmlTag() {
        // Allure's page renders failure messages as HTML: a <placeholder> would vanish from the report.
        for (Catalogue catalogue : List.of(english, korean)) {
            for (String id : catalogue.ids()) {
                catalogue
                        .section(id)
                        .causes()
                        .forEach((cause, steps) -> assertThat(steps)
                                .as(id + "/" + cause)
                                .noneMatch(step -> step.matches("(?s).*</?[A-Za-z].*")));
            }
        }
    }

    @Test
    void everyCheckClassNamesACatalogueSectionAndCarriesItsTags() throws IOException {
        List<Class<?>> checks = checkClasses();
        assertThat(checks).isNotEmpty();
        for (Class<?> check : checks) {
            DocSection docSection = check.getAnnotation(DocSection.class);
            assertThat(docSection).as(check + " has @DocSection").isNotNull();
            assertThat(english.has(docSection.value()))
                    .as(check + " names a catalogue section")
                    .isTrue();
            List<String> tags = Arrays.stream(check.getAnnotationsByType(Tag.class))
                    .map(Tag::value)
                    .toList();
            assertThat(tags)
                    .as(check + " tags")
                    .contains(docSection.value())
                    .containsAll(english.section(docSection.value()).components());
        }
    }

    @Test
    void oneCheckClassPerSection() throws IOException {
        assertThat(checkClasses())
                .extracting(c -> c.getAnnotation(DocSection.class).value())
                .doesNotHaveDuplicates();
    }

    /** The gate blocks every check that reads GitLab's API on gitlab-reachable: its section must declare it upstream. */
    @Test
    void everySectionReadingGitLabsApiDeclaresGitlabReachableUpstream() throws IOException {
        for (Class<?> check : checkClasses()) {
            String section = check.getAnnotation(DocSection.class).value();
            boolean readsGitLab = AllSections.declaration(section).checks().stream()
                    .anyMatch(c -> c.gate().gitlab().isPresent());
            if (readsGitLab && !section.equals(Sections.GITLAB_REACHABLE)) {
                assertThat(DeclaredUpstream.of(section))
                        .as("sections declared upstream of %s", section)
                        .contains(Sections.GITLAB_REACHABLE);
            }
        }
        assertThat(english.section(Sections.GITLAB_REACHABLE).fromDoc()).isFalse();
        assertThat(english.ids().stream().filter(id -> !english.section(id).fromDoc()))
                .containsExactly(Sections.GITLAB_REACHABLE);
    }

    private static List<Class<?>> checkClasses() throws IOException {
        return TestClasses.endingWith(SuiteRun.CHECKS, "Check");
    }
}
