package dev.duoconformance.config;

/** A mistake in an environment file or in the run's options, told in one message that says what to do. */
public final class ConfigurationException extends RuntimeException {
    public ConfigurationException(String message) {
        super(message, null, false, false);
    }
}
