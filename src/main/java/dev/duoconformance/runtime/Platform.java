package dev.duoconformance.runtime;

import java.util.Locale;

/** An OS and CPU architecture in Docker's {@code os/arch} spelling, whatever spelling the engine reported. */
public record Platform(String os, String architecture) {

    public static Platform of(String os, String architecture) {
        return new Platform(
                os == null || os.isBlank() ? "unknown" : os.toLowerCase(Locale.ROOT), normalized(architecture));
    }

    /** {@code docker info} reports the kernel's name ({@code x86_64}, {@code aarch64}); images use Go's ({@code amd64}, {@code arm64}). */
    static String normalized(String architecture) {
        if (architecture == null || architecture.isBlank()) {
            return "unknown";
        }
        return switch (architecture.toLowerCase(Locale.ROOT)) {
            case "x86_64", "x86-64", "amd64" -> "amd64";
            case "aarch64", "arm64", "armv8", "armv8l" -> "arm64";
            case "armv7l", "armhf", "arm" -> "arm";
            case "i386", "i686", "386" -> "386";
            default -> architecture.toLowerCase(Locale.ROOT);
        };
    }

    @Override
    public String toString() {
        return os + "/" + architecture;
    }
}
