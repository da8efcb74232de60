package dev.duoconformance.behaviour;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The forms of the AI gateway's troubleshooting script across image versions (history of the AI gateway repository):
 * images from 2024-10-22 have the {@code troubleshoot} entry point (pyproject.toml {@code [project.scripts]},
 * {@code ai_gateway/scripts/troubleshoot_selfhosted_installation.py}); images from 2024-10-16 to 2024-10-22 have
 * {@code /app/troubleshoot_selfhosted_installation.py} (docker/self_hosted/Dockerfile {@code COPY}); older images have
 * none. The seed doc's {@code scripts/troubleshoot_selfhosted_installation.py} exists only in a source checkout.
 */
public enum TroubleshootScript {
    ENTRY_POINT(
            "entry-point",
            "ai_gateway/scripts/troubleshoot_selfhosted_installation.py",
            "poetry run troubleshoot",
            "troubleshoot entry point, images from 2024-10-22"),
    WORKDIR_SCRIPT(
            "workdir-script",
            "troubleshoot_selfhosted_installation.py",
            "poetry run python troubleshoot_selfhosted_installation.py",
            "workdir script, images from 2024-10-16 to 2024-10-22"),
    SEED_SCRIPT(
            "seed-script",
            "scripts/troubleshoot_selfhosted_installation.py",
            "poetry run python scripts/troubleshoot_selfhosted_installation.py",
            "script at the seed doc's path");

    private final String marker;
    private final String file;
    private final String command;
    private final String description;

    TroubleshootScript(String marker, String file, String command, String description) {
        this.marker = marker;
        this.file = file;
        this.command = command;
        this.description = description;
    }

    /** One shell line that prints the marker of the first form present under the image's working directory, else {@code none}. */
    public static List<String> detection(String workdir) {
        StringBuilder script = new StringBuilder();
        for (TroubleshootScript form : values()) {
            script.append("test -f '")
                    .append(workdir)
                    .append('/')
                    .append(form.file)
                    .append("' && echo ")
                    .append(form.marker)
                    .append(" && exit 0; ");
        }
        return List.of("sh", "-c", script.append("echo none").toString());
    }

    public static Optional<TroubleshootScript> detected(String output) {
        String marker = output.strip();
        return Arrays.stream(values()).filter(f -> f.marker.equals(marker)).findFirst();
    }

    /** The command for this form; older forms predate {@code --model-family} and {@code --api-key}, so they get only the endpoint. */
    public String command(String gatewayEndpoint) {
        return command + " --endpoint " + gatewayEndpoint;
    }

    public boolean takesModelFamily() {
        return this == ENTRY_POINT;
    }

    public String note() {
        return "ran the image's " + description + ": " + command;
    }

    public static String noneFound(String image) {
        return "the image '" + image
                + "' has no troubleshooting script (AI gateway images before 2024-10-16 ship none; upgrade the image)";
    }
}
