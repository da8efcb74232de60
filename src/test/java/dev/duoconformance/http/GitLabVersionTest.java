package dev.duoconformance.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GitLabVersionTest {

    @ParameterizedTest
    @CsvSource({
        "17.9.1-ee, 17, 9, 1",
        "18.2.0-pre, 18, 2, 0",
        "17.10.8, 17, 10, 8",
        "18.4, 18, 4, 0",
        "19.0.0-rc42-ee, 19, 0, 0",
        "17.11.2+ee.0, 17, 11, 2"
    })
    void parsesWhatGitLabReports(String text, int major, int minor, int patch) {
        GitLabVersion version = GitLabVersion.parse(text).orElseThrow();

        assertThat(version)
                .extracting(GitLabVersion::major, GitLabVersion::minor, GitLabVersion::patch)
                .containsExactly(major, minor, patch);
        assertThat(version).hasToString(text);
    }

    @ParameterizedTest
    // A number too big for an int is unreadable too (it once broke 13 checks with a NumberFormatException).
    @ValueSource(strings = {"", "ee", "17", "v17.9.0", "17.x", "17.9.1 ee", "99999999999.6.0", "18.99999999999.0"})
    void rejectsWhatIsNotAVersion(String text) {
        assertThat(GitLabVersion.parse(text)).isEmpty();
    }

    @Test
    void comparesNumericallyNotAsText() {
        assertThat(GitLabVersion.of("17.10.0").isAtLeast(GitLabVersion.of("17.9")))
                .isTrue();
        assertThat(GitLabVersion.of("17.8.7-ee").isBefore(GitLabVersion.of("17.9")))
                .isTrue();
        assertThat(GitLabVersion.of("18.4.0-pre").isAtLeast(GitLabVersion.of("18.4")))
                .as("a pre-release has the version's APIs")
                .isTrue();
        assertThat(GitLabVersion.of("18.3.9").isBefore(GitLabVersion.of("18.4")))
                .isTrue();
    }

    @Test
    void aVersionWrittenInTheSuiteMustParse() {
        assertThatThrownBy(() -> GitLabVersion.of("seventeen")).isInstanceOf(IllegalArgumentException.class);
    }
}
