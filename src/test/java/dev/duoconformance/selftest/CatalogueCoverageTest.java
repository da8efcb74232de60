package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.Section;
import dev.duoconformance.simulator.fault.Fault;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No documented cause goes unproved by accident: every cause of the catalogue is raised by a fault scenario of these
 * self-tests, or marked {@code not_automated} in the catalogue with the reason the report shows. The scenarios are read
 * from what runs them: {@link Fault} (FaultScenariosTest, DemoRuntimeDockerTest), the runtime fault enums of
 * RuntimeSectionsDockerTest and RuntimeSectionsKubernetesTest, and tests marked {@link Proves}.
 */
class CatalogueCoverageTest {
    private final Catalogue english = Catalogue.load(Locale.ENGLISH);
    private final Catalogue korean = Catalogue.load(Locale.KOREAN);

    /** Every (section, cause) a scenario of the self-tests fails, with the scenarios that do. */
    static Map<String, Set<String>> proved() throws IOException {
        Map<String, Set<String>> proved = new TreeMap<>();
        for (Fault fault : Fault.values()) {
            if (fault.breaks() != null) {
                proved.computeIfAbsent(fault.breaks() + "/" + fault.cause(), k -> new TreeSet<>())
                        .add("Fault." + fault.name());
            }
        }
        for (RuntimeSectionsDockerTest.RuntimeFault fault : RuntimeSectionsDockerTest.RuntimeFault.values()) {
            proved.computeIfAbsent(fault.section + "/" + fault.cause, k -> new TreeSet<>())
                    .add("RuntimeFault." + fault.name());
        }
        for (RuntimeSectionsKubernetesTest.KubernetesFault fault :
                RuntimeSectionsKubernetesTest.KubernetesFault.values()) {
            proved.computeIfAbsent(fault.section + "/" + fault.cause, k -> new TreeSet<>())
                    .add("KubernetesFault." + fault.name());
        }
        for (Method test : selfTestMethods()) {
            Proves proves = test.getAnnotation(Proves.class);
            if (proves != null) {
                proved.computeIfAbsent(proves.section() + "/" + proves.cause(), k -> new TreeSet<>())
                        .add(test.getDeclaringClass().getSimpleName() + "." + test.getName());
            }
        }
        return proved;
    }

    private Set<String> causes() {
        return english.ids().stream()
                .flatMap(id -> english.section(id).causes().keySet().stream().map(cause -> id + "/" + cause))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private Set<String> notAutomated(Catalogue catalogue) {
        return catalogue.ids().stream()
                .flatMap(id ->
                        catalogue.section(id).notAutomated().keySet().stream().map(cause -> id + "/" + cause))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void everyCauseIsProvedByAFaultScenarioOrMarkedNotAutomated() throws IOException {
        Set<String> proved = proved().keySet();
        Set<String> notAutomated = notAutomated(english);
        List<String> unaccounted = causes().stream()
                .filter(c -> !proved.contains(c) && !notAutomated.contains(c))
                .toList();
        assertThat(unaccounted)
                .as("causes no fault scenario raises and the catalogue does not mark not_automated")
                .isEmpty();
        System.out.printf(
                "Catalogue causes: %d; proved by a fault scenario: %d; marked not automated: %d%n",
                causes().size(), causes().stream().filter(proved::contains).count(), notAutomated.size());
    }

    @Test
    void everyCauseAScenarioProvesIsInTheCatalogueInBothLanguages() throws IOException {
        for (String provedCause : proved().keySet()) {
            String[] parts = provedCause.split("/", 2);
            for (Catalogue catalogue : List.of(english, korean)) {
                assertThat(catalogue.has(parts[0]))
                        .as("%s names a catalogue section", provedCause)
                        .isTrue();
                assertThat(catalogue.section(parts[0]).causes())
                        .as("causes of %s", parts[0])
                        .containsKey(parts[1]);
            }
        }
    }

    @Test
    void aCauseMarkedNotAutomatedIsACauseOfItsSectionThatNoScenarioRaisesWithAReasonInEachLanguage()
            throws IOException {
        Map<String, Set<String>> proved = proved();
        assertThat(notAutomated(korean)).isEqualTo(notAutomated(english));
        for (Catalogue catalogue : List.of(english, korean)) {
            for (String id : catalogue.ids()) {
                Section section = catalogue.section(id);
                section.notAutomated().forEach((cause, reason) -> {
                    assertThat(section.causes()).as("causes of %s", id).containsKey(cause);
                    assertThat(reason)
                            .as("the reason %s/%s is not automated", id, cause)
                            .isNotBlank();
                    assertThat(proved.get(id + "/" + cause))
                            .as("scenarios raising %s/%s, marked not automated: remove the mark", id, cause)
                            .isNull();
                });
            }
        }
    }

    private static List<Method> selfTestMethods() throws IOException {
        return TestClasses.endingWith(CatalogueCoverageTest.class.getPackageName(), "Test").stream()
                .flatMap(test -> Arrays.stream(test.getDeclaredMethods()))
                .toList();
    }
}
