package dev.duoconformance.runtime;

import java.util.Map;
import java.util.Optional;

/**
 * The AI gateway's container as {@code docker inspect} shows it. {@link #env()} holds values as they are; only
 * {@link RuntimeInspector} hands it out, after registering the secret-looking ones with the run's redactor.
 */
public record ContainerInfo(
        String id,
        String name,
        String image,
        String imageId,
        boolean running,
        boolean restarting,
        String status,
        Long exitCode,
        String networkMode,
        Map<String, String> env) {

    public Optional<String> env(String name) {
        return Optional.ofNullable(env.get(name));
    }

    public boolean onHostNetwork() {
        return "host".equals(networkMode);
    }

    /** {@code running}, or e.g. {@code exited (exit code 1)}. */
    public String state() {
        if (running) {
            return "running";
        }
        return (restarting ? "restarting" : status) + (exitCode == null ? "" : " (exit code " + exitCode + ")");
    }
}
