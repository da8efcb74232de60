package dev.duoconformance.runtime;

import java.util.List;

/** A read-only command run inside the container: its exit code and output, or that it overran its deadline. */
public record ExecResult(List<String> command, long exitCode, String stdout, String stderr, boolean timedOut) {

    /** The executable is not in the image: Docker answers 126 or 127 with "executable file not found". */
    public boolean executableMissing() {
        String output = stdout + stderr;
        return !timedOut
                && (exitCode == 126 || exitCode == 127)
                && (output.contains("executable file not found")
                        || output.contains("not found")
                        || output.contains("No such file"));
    }

    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }

    public String output() {
        return stderr.isBlank() ? stdout : stdout.isBlank() ? stderr : stdout + "\n" + stderr;
    }
}
