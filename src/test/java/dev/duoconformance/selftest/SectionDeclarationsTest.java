package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.junit.DocSection;
import dev.duoconformance.junit.ForEachModel;
import dev.duoconformance.rules.Check;
import dev.duoconformance.rules.Condition;
import dev.duoconformance.rules.Declaration;
import dev.duoconformance.rules.Deployment;
import dev.duoconformance.rules.Gate;
import dev.duoconformance.rules.Gates;
import dev.duoconformance.rules.Probes;
import dev.duoconformance.rules.Rules;
import dev.duoconformance.rules.Sections;
import dev.duoconformance.sections.AllSections;
import dev.duoconformance.sections.SectionGraph;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A section is one declaration: its check class is a shell that names it and agrees with it, the declarations form the
 * dependency graph the engine enforces, and the architecture page shows that graph as the declarations make it.
 */
class SectionDeclarationsTest {
    private static final Path ARCHITECTURE = Path.of("docs/architecture.md");
    private static final String GRAPH_START =
            "<!-- the dependency graph, generated from the declarations by SectionDeclarationsTest -->\n";
    private static final String GRAPH_END = "<!-- end of the generated graph -->";
    private static final SectionGraph GRAPH = SectionGraph.of(AllSections.DECLARED);

    /**
     * The loops the declarations still have, each a pair or ring of sections that block each other under different
     * faults. Breaking one changes an outcome some fault scenario proves (docs/architecture.md, "Loops left"); the list
     * may only shrink: a new loop fails here.
     */
    private static final List<Set<String>> KNOWN_LOOPS = List.of(
            Set.of(Sections.MODEL_REACHABLE, Sections.VLLM_404),
            Set.of(
                    Sections.USER_CAN_REQUEST,
                    Sections.ACCESS_ERROR,
                    Sections.SELF_HOSTED_MODELS,
                    Sections.AIGW_URL,
                    Sections.GITLAB_REACHES_AIGW,
                    Sections.GITLAB_REQUESTS_MODEL,
                    Sections.AIGW_REQUESTS_MODEL));

    @Test
    void everyCheckClassIsAShellThatAgreesWithItsDeclaration() throws IOException {
        List<Class<?>> classes = TestClasses.endingWith(SuiteRun.CHECKS, "Check");
        assertThat(classes)
                .extracting(c -> c.getAnnotation(DocSection.class).value())
                .containsExactlyInAnyOrderElementsOf(
                        AllSections.DECLARED.stream().map(Declaration::id).toList());
        for (Class<?> shell : classes) {
            Declaration<?> declaration = AllSections.declaration(
                    shell.getAnnotation(DocSection.class).value());
            Map<String, Method> tests = Arrays.stream(shell.getDeclaredMethods())
                    .filter(m -> !m.isSynthetic())
                    .collect(Collectors.toMap(Method::getName, Function.identity()));
            assertThat(tests.keySet())
                    .as("the test methods of %s", shell.getSimpleName())
                    .containsExactlyInAnyOrderElementsOf(
                            declaration.checks().stream().map(Check::name).toList());
            for (Check<?> check : declaration.checks()) {
                Method test = tests.get(check.name());
                assertThat(test.isAnnotationPresent(ForEachModel.class))
                        .as("%s.%s runs once for each model", shell.getSimpleName(), check.name())
                        .isEqualTo(check.models().isPresent());
                assertThat(test.isAnnotationPresent(Test.class))
                        .as("%s.%s is a plain test", shell.getSimpleName(), check.name())
                        .isEqualTo(check.models().isEmpty());
                assertThat(test.getAnnotations())
                        .as("%s.%s restates nothing of its declaration", shell.getSimpleName(), check.name())
                        .hasSize(1);
            }
        }
    }

    @Test
    void everyDeclaredSectionIsInTheCatalogueAndDependsOnlyOnDeclaredSections() {
        Set<String> declared =
                AllSections.DECLARED.stream().map(Declaration::id).collect(Collectors.toSet());
        assertThat(declared)
                .hasSize(AllSections.DECLARED.size())
                .containsExactlyInAnyOrderElementsOf(
                        Catalogue.load(Locale.ENGLISH).ids());
        for (Declaration<?> declaration : AllSections.DECLARED) {
            assertThat(declaration.dependsOn())
                    .as("what %s depends on", declaration)
                    .doesNotHaveDuplicates()
                    .doesNotContain(declaration.id())
                    .allMatch(declared::contains);
            assertThat(declaration.checks())
                    .as("the checks of %s", declaration)
                    .isNotEmpty()
                    .extracting(Check::name)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void theGraphGainsNoLoop() {
        assertThat(GRAPH.cycles())
                .as("sections that depend on each other")
                .containsExactlyInAnyOrderElementsOf(KNOWN_LOOPS);
        assertThat(GRAPH.dependsOn().get(Sections.GITLAB_REACHABLE)).containsExactly(Sections.TLS);
        assertThat(GRAPH.dependsOn().get(Sections.TLS)).isEmpty();
    }

    @Test
    void theEngineRefusesAReadOfASectionNotDeclared() {
        Check<Probes> own = Check.of("own", "own", Gate.NONE, probes -> Condition.holds());
        Declaration<Probes> other = Declaration.of("other", probes -> probes).checks(own);
        Check<Probes> undeclaredRead = Check.of("reads", "reads", Gate.NONE, probes -> probes.outcome(own));
        Declaration<Probes> reader = Declaration.of("reader", probes -> probes).checks(undeclaredRead);
        Check<Probes> declaredRead = Check.of("reads", "reads", Gate.NONE, probes -> probes.outcome(own));
        Declaration<Probes> declaring =
                Declaration.of("declaring", probes -> probes).dependsOn("other").checks(declaredRead);
        Rules engine = new Rules(
                List.of(other, reader, declaring),
                new Deployment(
                        null, Optional.empty(), Optional.empty(), null, null, Optional.empty(), Optional.empty()),
                new Gates.Settings(null, "", true, p -> false, (k, v) -> {}));

        assertThatThrownBy(() -> engine.judge(undeclaredRead, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("reader read other, which it does not declare it depends on");
        assertThat(engine.judge(declaredRead, null)).isInstanceOf(Condition.Holds.class);
    }

    /** docs/architecture.md shows the graph as the declarations make it; -Dduo.docs.update=true rewrites it. */
    @Test
    void theArchitecturePageShowsTheGraphOfTheDeclarations() throws IOException {
        String page = Files.readString(ARCHITECTURE, StandardCharsets.UTF_8);
        int start = page.indexOf(GRAPH_START);
        int end = page.indexOf(GRAPH_END);
        assertThat(start)
                .as("the generated graph's start mark in %s", ARCHITECTURE)
                .isNotNegative();
        assertThat(end).as("the generated graph's end mark").isGreaterThan(start);
        String generated = GRAPH.mermaid();
        String shown = page.substring(start + GRAPH_START.length(), end);
        if (Boolean.getBoolean("duo.docs.update") && !shown.equals(generated)) {
            Files.writeString(
                    ARCHITECTURE,
                    page.substring(0, start + GRAPH_START.length()) + generated + page.substring(end),
                    StandardCharsets.UTF_8);
            shown = generated;
        }
        assertThat(shown)
                .as(
                        "the graph in %s (regenerate: ./mvnw test -Dtest=SectionDeclarationsTest -Dduo.docs.update=true)",
                        ARCHITECTURE)
                .isEqualTo(generated);
    }
}
