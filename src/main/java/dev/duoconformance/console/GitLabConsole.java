package dev.duoconformance.console;

import dev.duoconformance.config.Environment;
import dev.duoconformance.http.Memo;
import dev.duoconformance.http.Redactor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs GitLab's rake verification task through the environment's console command ({@code gitlab.console.command},
 * e.g. {@code ssh gitlab-host sudo gitlab-rake}) as a local process: no shell, standard input closed, a hard
 * deadline after which the process and its children are killed, and output redacted before anyone sees it.
 */
public final class GitLabConsole {
    public static final String VERIFY_TASK = "gitlab:duo:verify_self_hosted_setup";
    private static final int MAX_OUTPUT = 1 << 20;

    private final Environment.Console console;
    private final Duration deadline;
    private final Memo memo;
    private final Redactor redactor;

    public GitLabConsole(Environment.Console console, Duration deadline, Memo memo, Redactor redactor) {
        this.console = console;
        this.deadline = deadline;
        this.memo = memo;
        this.redactor = redactor;
    }

    /** The command line the suite runs, as shown in reports. */
    public List<String> verifyCommand() {
        List<String> command = new ArrayList<>(console.command());
        command.add(VERIFY_TASK + "[" + console.user() + "]");
        return List.copyOf(command);
    }

    /** {@code <console command> gitlab:duo:verify_self_hosted_setup[<user>]}, once per run. */
    public ConsoleRun verifySelfHostedSetup() {
        return memo.once("console:verify-self-hosted-setup", () -> run(verifyCommand()));
    }

    private ConsoleRun run(List<String> command) {
        Path output = null;
        try {
            output = Files.createTempFile("duo-conformance-console", ".log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            boolean finished = process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            return new ConsoleRun(
                    command,
                    finished ? process.exitValue() : -1,
                    !finished,
                    deadline,
                    redactor.apply(read(output)),
                    null);
        } catch (IOException e) {
            return new ConsoleRun(command, -1, false, deadline, "", redactor.apply(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ConsoleRun(command, -1, true, deadline, "", "interrupted");
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
        }
    }
}
