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

    /** {@code Content-Encoding: gzip}: 2 MB on the wire that inflate to 2 GiB (2048 gzip members of 1 MiB of spaces each). */
    static Response gzipBomb() {
        byte[] head = gzip("{\"object\":\"list\",\"data\":[".getBytes(StandardCharsets.US_ASCII));
        byte[] mebibyte = gzip(" ".repeat(MIB).getBytes(StandardCharsets.US_ASCII));
        int members = 2048;
        return Response.streamed(200, Map.of("Content-Type", "application/json", "Content-Encoding", "gzip"),
                head.length + (long) mebibyte.length * members, (out, pacing) -> {
                    out.write(head);
                    for (int i = 0; i < members; i++) {
                        out.write(mebibyte);
                    }
                });
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
