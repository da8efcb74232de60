package dev.duoconformance.catalogue;

/**
 * Text that may carry what a target sent, made inert for the report: Allure shows messages, step names and attachment
 * names as HTML, so a {@code <script>} or {@code <img onerror>} in a server's answer would run in the reader's browser.
 * {@code <}, {@code >} and {@code &} become look-alikes ({@code ‹ › ＆}) that read the same in the console, the JUnit
 * XML and the report, and that no browser parses as markup.
 */
public final class Inert {
    private Inert() {}

    public static String text(String text) {
        return text == null ? null : text.replace('<', '‹').replace('>', '›').replace('&', '＆');
    }
}
