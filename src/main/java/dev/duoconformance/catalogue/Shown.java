package dev.duoconformance.catalogue;

import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way text leaves the suite (console, summary, Allure results and attachments, JUnit XML, compare), in one
 * order: secrets masked on the whole text, terminal controls and bidi overrides neutralised, markup made {@link Inert},
 * then what a target sent shortened, never inside a masked run. A quote of a target's text is marked where it is made
 * ({@link #quote}) and shortened only here, last: a cut made before masking would leave part of a secret that the
 * redactor, matching whole values, no longer finds.
 */
public final class Shown {
    /** What a masked secret reads as. */
    public static final String MASK = "[REDACTED]";

    private static final char OPEN = '\uE000';
    private static final char LIMIT = '\uE001';
    private static final char CLOSE = '\uE002';
    private static final Pattern QUOTE =
            Pattern.compile(OPEN + "(\\d{1,6})" + LIMIT + "([^" + OPEN + LIMIT + CLOSE + "]*)" + CLOSE);
    private static final Pattern MARKS = Pattern.compile("[" + OPEN + LIMIT + CLOSE + "]");

    private Shown() {}

    /**
     * A target's text, quoted in a message: shortened to {@code limit} characters by {@link #message} once it has been
     * redacted. The text is kept whole until then.
     */
    public static String quote(String text, int limit) {
        return OPEN + Integer.toString(limit) + LIMIT + MARKS.matcher(text).replaceAll("\uFFFD") + CLOSE;
    }

    /** A message, step or attachment name (Allure shows them as HTML): redacted, neutralised, inert, shortened. */
    public static String message(String text, UnaryOperator<String> redact) {
        return text == null ? null : shorten(Inert.text(neutralise(redact.apply(text))));
    }

    /** Text shown as text, never as markup (a text/plain attachment): redacted, neutralised, shortened. */
    public static String plain(String text, UnaryOperator<String> redact) {
        return text == null ? null : shorten(neutralise(redact.apply(text)));
    }

    /**
     * Characters that act on a terminal or reorder what a person reads become visible stand-ins: C0 controls (ESC of
     * ANSI and OSC sequences, BEL) their Unicode control pictures, C1 controls and bidi controls U+FFFD. Line feeds and
     * tabs stay; a carriage return stays only before a line feed.
     */
    public static String neutralise(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\t') {
                out.append(c);
            } else if (c == '\r') {
                if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
                    out.append('\u240D');
                }
            } else if (c < 0x20) {
                out.append((char) (0x2400 + c));
            } else if (c == 0x7F) {
                out.append('\u2421');
            } else if ((c >= 0x80 && c <= 0x9F) || bidi(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean bidi(char c) {
        return c == '\u061C'
                || c == '\u200E'
                || c == '\u200F'
                || (c >= '\u202A' && c <= '\u202E')
                || (c >= '\u2066' && c <= '\u2069');
    }

    /** Each marked quote cut to its limit, never inside a {@link #MASK} or a surrogate pair; stray marks removed. */
    static String shorten(String text) {
        String out = text;
        Matcher quote = QUOTE.matcher(out);
        while (quote.find()) {
            out = quote.replaceAll(m -> Matcher.quoteReplacement(cut(m.group(2), Integer.parseInt(m.group(1)))));
            quote = QUOTE.matcher(out);
        }
        return MARKS.matcher(out).replaceAll("");
    }

    private static String cut(String text, int limit) {
        if (text.length() <= limit) {
            return text;
        }
        int end = limit;
        int mask = text.lastIndexOf(MASK, end);
        if (mask >= 0 && mask < end && mask + MASK.length() > end) {
            end = mask;
        }
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "… (" + text.length() + " characters)";
    }
}
