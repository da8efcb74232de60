package dev.duoconformance.selftest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The AI gateway stand-in image ({@code src/test/resources/standin}): FROM scratch with the host's busybox and curl
 * (and curl's libraries, as {@code ldd} lists them). Tagged by a hash of its build context and platform, so it is
 * built once and reused until its content changes.
 */
final class StandInImage {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Path CURL = Path.of("/usr/bin/curl");
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+\\.so[.\\d]*)");

    private StandInImage() {}

    /** The tag of the stand-in for {@code platform} (e.g. linux/amd64), built on {@code docker} if it is not there yet. */
    static String ensure(LocalDocker docker, String platform) {
        Path context = context();
        try {
            String tag = "duo-conformance-selftest/aigw-standin:" + hash(context, platform);
            if (!docker.hasImage(tag)) {
                docker.build(context, tag, platform);
            }
            return tag;
        } finally {
            delete(context);
        }
    }

    private static Path context() {
        try {
            Path context = Files.createTempDirectory("duo-standin");
            Path rootfs = context.resolve("rootfs");
            copy(BUSYBOX, rootfs);
            copy(CURL, rootfs);
            for (Path library : libraries(CURL)) {
                copy(library, rootfs);
            }
            Files.createDirectories(rootfs.resolve("etc"));
            // Only /etc/hosts: a name lookup inside the stand-in never leaves the machine.
            Files.writeString(rootfs.resolve("etc/nsswitch.conf"), "hosts: files\n");
            Path bin = Files.createDirectories(rootfs.resolve("usr/local/bin"));
            for (String script : List.of("standin-aigw", "poetry")) {
                Path file = bin.resolve(script);
                Files.write(file, resource(script));
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.write(context.resolve("Dockerfile"), resource("Dockerfile"));
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> libraries(Path binary) throws IOException {
        Process ldd = new ProcessBuilder("ldd", binary.toString()).redirectErrorStream(true).start();
        String output = new String(ldd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        List<Path> libraries = new ArrayList<>();
        Matcher m = LIBRARY.matcher(output);
        while (m.find()) {
            libraries.add(Path.of(m.group(1)));
        }
        if (libraries.isEmpty()) {
            throw new IllegalStateException("ldd " + binary + " listed no library: " + output);
        }
        return libraries;
    }

    /** Copies a host file to the same path under {@code rootfs}, following links to their content. */
    private static void copy(Path file, Path rootfs) throws IOException {
        Path target = rootfs.resolve(file.toString().substring(1));
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StandInImage.class.getResourceAsStream("/standin/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource standin/" + name);
            }
            return in.readAllBytes();
        }
    }

    private static String hash(Path context, String platform) {
        try (Stream<Path> files = Files.walk(context)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(platform.getBytes(StandardCharsets.UTF_8));
            for (Path file : files.filter(Files::isRegularFile).map(context::relativize).collect(java.util.stream.Collectors.toCollection(TreeSet::new))) {
                digest.update(file.toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(context.resolve(file)));
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
