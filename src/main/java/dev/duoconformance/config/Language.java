package dev.duoconformance.config;

import java.util.Locale;

/** The language of {@code -Dlang}: the remediations are written in English ({@code en}, the default) and Korean ({@code ko}). */
public final class Language {
    private Language() {}

    public static Locale of(String code) {
        if (code == null || code.isBlank() || code.equals("en")) {
            return Locale.ENGLISH;
        }
        if (code.equals("ko")) {
            return Locale.KOREAN;
        }
        throw new ConfigurationException("-Dlang=" + code
                + " is not a language the remediations are written in. Languages: en (English), ko (Korean).");
    }
}
