package dev.duoconformance.selftest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A catalogue step as a run shows it: the run fills in the placeholders the environment knows ({@code {endpoint}},
 * {@code {gitlab-url}}…), so a self-test matches each placeholder as any value on the line, and the rest to the letter.
 */
final class Steps {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z-]+\\}");

    private Steps() {}

    static Pattern shown(String text) {
        StringBuilder regex = new StringBuilder();
        Matcher placeholder = PLACEHOLDER.matcher(text);
        int at = 0;
        while (placeholder.find()) {
            regex.append(Pattern.quote(text.substring(at, placeholder.start()))).append("[^\\n]+?");
            at = placeholder.end();
        }
        return Pattern.compile(regex.append(Pattern.quote(text.substring(at))).toString());
    }
}
