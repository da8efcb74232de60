package dev.duoconformance.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.duoconformance.catalogue.Catalogue;
import dev.duoconformance.catalogue.Section;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Kubernetes wording of the runtime sections' steps: for documented causes only, in both languages, kubectl instead of docker. */
class KubernetesWordingTest {
    private final Catalogue english = Catalogue.load(Locale.ENGLISH);
    private final Catalogue korean = Catalogue.load(Locale.KOREAN);

    @Test
    void everyKubernetesStepBelongsToADocumentedCauseInBothLanguagesAndNamesNoDockerCommand() {
        Map<String, List<String>> envVars =
                english.section("ai-gateway-env-vars").byRuntime().get(Section.KUBERNETES);
        assertThat(envVars).containsOnlyKeys("custom-models-disabled", "gitlab-url-mismatch", "auth-bypassed");
        for (String id : english.ids()) {
            Map<String, List<String>> en = english.section(id).byRuntime().get(Section.KUBERNETES);
            Map<String, List<String>> ko = korean.section(id).byRuntime().get(Section.KUBERNETES);
            assertThat(ko.keySet()).as(id).isEqualTo(en.keySet());
            assertThat(english.section(id).causes().keySet()).as(id).containsAll(en.keySet());
            for (Map<String, List<String>> language : List.of(en, ko)) {
                language.forEach((cause, steps) -> assertThat(steps)
                        .as(id + "/" + cause)
                        .isNotEmpty()
                        .noneMatch(s -> s.isBlank()
                                || s.contains("docker exec")
                                || s.contains("docker run")
                                || s.contains("docker logs")
                                || s.matches("(?s).*</?[A-Za-z].*")));
            }
        }
    }

    @Test
    void aCauseWithoutKubernetesWordingKeepsTheDocsSteps() {
        Section logs = english.section("vllm-404");
        assertThat(logs.stepsFor("missing-v1", Section.KUBERNETES)).isEqualTo(logs.stepsFor("missing-v1"));
        Section env = english.section("ai-gateway-env-vars");
        assertThat(env.stepsFor("custom-models-disabled", Section.KUBERNETES).get(0))
                .contains("helm upgrade");
        assertThat(env.stepsFor("custom-models-disabled", "").get(0)).contains("-e AIGW_CUSTOM_MODELS__ENABLED=true");
    }
}
