package dev.duoconformance.selftest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The compiled test classes of a package and the packages below it, as the build left them, loaded by name. */
final class TestClasses {
    private TestClasses() {}

    /** Top-level classes whose simple name ends with {@code suffix} (e.g. {@code Check}, {@code Test}). */
    static List<Class<?>> endingWith(String packageName, String suffix) throws IOException {
        Path root = Path.of("target/test-classes");
        try (Stream<Path> files = Files.walk(root.resolve(packageName.replace('.', '/')))) {
            return files.map(p -> root.relativize(p).toString())
                    .filter(f -> f.endsWith(suffix + ".class") && !f.contains("$"))
                    .map(f -> f.substring(0, f.length() - ".class".length()).replace('/', '.'))
                    .map(TestClasses::load)
                    .toList();
        }
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
