package dev.duoconformance.config;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders a run owns and empties ({@code allure-results/<env>}, {@code allure-report/<env>},
 * {@code target/failsafe-reports/<env>}): each must be a plain folder or absent, reached through no symbolic link, or
 * the run stops before any check with one message and exit code 2. Emptying the results never follows a link: a link
 * inside is removed, what it points to is left alone. Run by the build in place of a clean that would follow links.
 */
public final class OwnFolders {
    private OwnFolders() {}

    /** {@code <project dir> <results> <report> <failsafe reports>}: checks the three, then empties the results (keeping the summary). */
    public static void main(String[] args) {
        Path project = Path.of(args[0]).toAbsolutePath().normalize();
        List<Path> folders = List.of(args).subList(1, args.length).stream()
                .map(a -> Path.of(a).toAbsolutePath().normalize())
                .toList();
        try {
            for (Path folder : folders) {
                refuseLinks(project, folder);
            }
            emptyKeeping(folders.get(0), RunPaths.SUMMARY_FILE);
        } catch (ConfigurationException e) {
            System.err.println();
            System.err.println("duo-conformance: " + e.getMessage());
            System.err.println();
            System.exit(2);
        } catch (IOException e) {
            System.err.println("duo-conformance: cannot empty " + folders.get(0) + ": " + e.getMessage());
            System.exit(2);
        }
    }

    /** Refuses {@code folder} when it, or a folder between {@code project} and it, is a link or is not a folder. */
    static void refuseLinks(Path project, Path folder) {
        boolean inside = folder.startsWith(project);
        List<Path> path = new ArrayList<>();
        if (inside) {
            Path at = project;
            for (Path part : project.relativize(folder)) {
                at = at.resolve(part);
                path.add(at);
            }
        } else {
            path.add(folder);
        }
        String shown = (inside ? project.relativize(folder) : folder).toString();
        for (Path at : path) {
            String where = at.equals(folder) ? "" : " (through " + (inside ? project.relativize(at) : at) + ")";
            if (Files.isSymbolicLink(at)) {
                throw new ConfigurationException(
                        shown + where + " is a symbolic link" + target(at) + ". The suite empties and writes "
                                + "this folder at every run and never follows a link there: remove the link (the run creates a plain folder) "
                                + "and run again.");
            }
            if (Files.exists(at, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                throw new ConfigurationException(
                        shown + where + " is not a folder (a file, a pipe or a device). The suite writes "
                                + "its results there: move it away and run again.");
            }
        }
    }

    private static String target(Path link) {
        try {
            return " (to " + Files.readSymbolicLink(link) + ")";
        } catch (IOException e) {
            return "";
        }
    }

    /** Deletes everything in {@code folder} but its top-level {@code keep}, removing links as links. */
    static void emptyKeeping(Path folder, String keep) throws IOException {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path kept = folder.resolve(keep);
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (!file.equals(kept)) {
                    Files.delete(
                            file); // a link is a file here (links are not followed): the link goes, its target stays
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (!directory.equals(folder)) {
                    Files.delete(directory);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
