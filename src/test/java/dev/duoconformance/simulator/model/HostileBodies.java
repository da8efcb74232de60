package dev.duoconformance.simulator.model;

import dev.duoconformance.simulator.server.SimServer.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Answers a hostile or broken server gives once its headers are out: a body that stalls, trickles, never ends, or explodes. */
final class HostileBodies {
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json");
    private static final long DECLARED = 100_000;
    private static final int MIB = 1 << 20;

    private HostileBodies() {}

    /** {@code Content-Length: 100000}, one byte, then nothing until the simulator closes. */
    static Response stalled() {
        return Response.streamed(200, JSON, DECLARED, (out, pacing) -> {
            out.write('{');
            out.flush();
            while (pacing.pause(Duration.ofSeconds(1))) {
                // Holds the connection open without sending more.
            }
        });
    }

    /** One byte a second, with a declared length ({@code chunked}: without one), until the simulator closes. */
    static Response trickling(boolean chunked) {
        return Response.streamed(200, JSON, chunked ? 0 : DECLARED, (out, pacing) -> {
            do {
                out.write(' ');
                out.flush();
            } while (pacing.pause(Duration.ofSeconds(1)));
        });
    }

    /** A chunked body that never ends: as fast as the suite reads, until the suite drops the connection. */
    static Response endless() {
        byte[] chunk = " ".repeat(8192).getBytes(StandardCharsets.US_ASCII);
        return Response.streamed(200, JSON, 0, (out, pacing) -> {
            out.write("{\"object\":\"list\",\"data\":[".getBytes(StandardCharsets.US_ASCII));
            while (pacing.pause(Duration.ZERO)) {
                out.write(chunk);
            }
        });
    }

    /**
     * {@code Content-Encoding: gzip}: one gzip member, about 1 MB on the wire, that inflates to 1 GiB. (One member: the
     * JDK's reader may end a body of several members where the next one has not arrived yet.)
     */
    static Response gzipBomb() {
        byte[] bomb = Bomb.BYTES;
        return Response.streamed(
                200,
                Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
                bomb.length,
                (out, pacing) -> out.write(bomb));
    }

    /** Compressed once per JVM, when a test first asks for it. */
    private static final class Bomb {
        static final byte[] BYTES = compress();

        private static byte[] compress() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] spaces = " ".repeat(MIB).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = new GZIPOutputStream(bytes, MIB)) {
                out.write("{\"object\":\"list\",\"data\":[".getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < 1024; i++) {
                    out.write(spaces);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }
}
