package dev.duoconformance.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The run's options besides the environment file: {@code -Denv}, {@code -Dlang}, {@code -Ddemo.faults}. */
public record RunOptions(String environment, Locale language, List<String> faults) {

    public static List<String> faults(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static Locale language(String code) {
        if (code == null || code.isBlank() || code.equals("en")) {
            return Locale.ENGLISH;
        }
        if (code.equals("ko")) {
            return Locale.KOREAN;
        }
        throw new ConfigurationException("-Dlang=" + code + " is not a language the remediations are written in. Languages: en (English), ko (Korean).");
    }
}
