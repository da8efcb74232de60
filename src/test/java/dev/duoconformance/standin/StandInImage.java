package dev.duoconformance.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.images.builder.Transferable;

/**
 * The AI gateway stand-in image ({@code src/test/resources/standin}), built by Testcontainers from its Dockerfile:
 * FROM scratch with the host's busybox and curl (and curl's libraries, as {@code ldd} lists them), so no registry
 * is needed. Tagged by a hash of its build context and platform, so an engine builds it once and reuses it until
 * its content changes.
 */
public final class StandInImage {
    private static final Path BUSYBOX = Path.of("/bin/busybox");
    private static final Path CURL = Path.of("/usr/bin/curl");
    private static final Pattern LIBRARY = Pattern.compile("(/\\S+\\.so[.\\d]*)");
    private static final int EXECUTABLE = 0100755;
    private static final Map<String, Future<String>> BUILT = new ConcurrentHashMap<>();

    private StandInImage() {}

    /** The stand-in for {@code platform} (linux/amd64, linux/arm64): the local image when the engine has it, else a build. */
    public static Future<String> of(String platform) {
        return BUILT.computeIfAbsent(platform, StandInImage::image);
    }

    private static Future<String> image(String platform) {
        Map<String, Transferable> context = context();
        String tag = "duo-conformance-selftest/aigw-standin:" + hash(context, platform);
        if (existsLocally(tag)) {
            return CompletableFuture.completedFuture(tag);
        }
        // Kept after the run (deleteOnExit false): the tag is the cache. The classic builder records the platform even
        // when
        // it differs from the host's; no cache, or a step of the same content built for another platform would be
        // reused.
        ImageFromDockerfile image = new ImageFromDockerfile(tag, false)
                .withBuildImageCmdModifier(
                        build -> build.withPlatform(platform).withPull(false).withNoCache(true));
        context.forEach(image::withFileFromTransferable);
        return image;
    }

    private static boolean existsLocally(String tag) {
        return !DockerClientFactory.instance()
                .client()
                .listImagesCmd()
                .withImageNameFilter(tag)
                .exec()
                .isEmpty();
    }

    /** The build context, path → content: the Dockerfile and the root file system it copies. */
    private static Map<String, Transferable> context() {
        try {
            Map<String, Transferable> context = new TreeMap<>();
            context.put("Dockerfile", Transferable.of(resource("Dockerfile")));
            List<Path> binaries = new ArrayList<>(List.of(BUSYBOX, CURL));
            binaries.addAll(libraries(CURL));
            for (Path binary : binaries) {
                // Same path in the image, the content of the link's target when the host's file is a link.
                context.put("rootfs" + binary, Transferable.of(Files.readAllBytes(binary), EXECUTABLE));
            }
            // Only /etc/hosts: a name lookup inside the stand-in never leaves the machine.
            context.put("rootfs/etc/nsswitch.conf", Transferable.of("hosts: files\n"));
            for (String script : List.of("standin-aigw", "poetry")) {
                context.put("rootfs/usr/local/bin/" + script, Transferable.of(resource(script), EXECUTABLE));
            }
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> libraries(Path binary) throws IOException {
        Process ldd = new ProcessBuilder("ldd", binary.toString())
                .redirectErrorStream(true)
                .start();
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

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = StandInImage.class.getResourceAsStream("/standin/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource standin/" + name);
            }
            return in.readAllBytes();
        }
    }

    private static String hash(Map<String, Transferable> context, String platform) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(platform.getBytes(StandardCharsets.UTF_8));
            context.forEach((path, content) -> {
                digest.update(path.getBytes(StandardCharsets.UTF_8));
                digest.update(Integer.toOctalString(content.getFileMode()).getBytes(StandardCharsets.UTF_8));
                digest.update(content.getBytes());
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
