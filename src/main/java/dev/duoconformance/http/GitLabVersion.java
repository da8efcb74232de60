package dev.duoconformance.http;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitLab version as {@code GET /api/v4/version} reports it ({@code 17.9.1-ee}, {@code 18.2.0-pre}); compared by
 * major, minor and patch only, so a pre-release of 18.4 already counts as 18.4.
 */
public record GitLabVersion(int major, int minor, int patch, String text) implements Comparable<GitLabVersion> {
    private static final Pattern VERSION =
            Pattern.compile("(\\d{1,6})\\.(\\d{1,6})(?:\\.(\\d{1,6}))?(?:[-+~.][0-9A-Za-z.+~-]*)?");
    private static final Comparator<GitLabVersion> ORDER = Comparator.comparingInt(GitLabVersion::major)
            .thenComparingInt(GitLabVersion::minor)
            .thenComparingInt(GitLabVersion::patch);

    public static Optional<GitLabVersion> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = VERSION.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new GitLabVersion(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)),
                text.strip()));
    }

    /** A version written by the suite itself, such as an annotation's {@code since = "17.9"}. */
    public static GitLabVersion of(String text) {
        return parse(text)
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' is not a GitLab version like 17.9"));
    }

    public boolean isAtLeast(GitLabVersion other) {
        return compareTo(other) >= 0;
    }

    public boolean isBefore(GitLabVersion other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(GitLabVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return text;
    }
}
