package dev.duoconformance.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** An environment file's text: bounded in size and strictly UTF-8, each refusal naming the file (and the line). */
final class EnvironmentFile {
    /** The largest environment file read (a real one is a few KiB); larger is a mistake, refused before it is parsed. */
    static final long MAX_FILE_BYTES = 1 << 20;

    private EnvironmentFile() {}

    /** The file as UTF-8 text, within {@link #MAX_FILE_BYTES}; a byte that is not UTF-8 is named with its line. */
    static String read(String where, Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigurationException(
                        where + " is " + size + " bytes long; an environment file may hold at most "
                                + (MAX_FILE_BYTES >> 20) + " MiB. Check that it is the file you meant.");
            }
            byte[] bytes = Files.readAllBytes(file);
            ByteBuffer input = ByteBuffer.wrap(bytes);
            try {
                return StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(input)
                        .toString();
            } catch (CharacterCodingException e) {
                int line = 1;
                for (int i = 0; i < input.position(); i++) {
                    line += bytes[i] == '\n' ? 1 : 0;
                }
                throw new ConfigurationException(
                        where + ":" + line + ": this line holds a byte that is not UTF-8 (the file was "
                                + "saved in another encoding, such as Latin-1). Save the file as UTF-8.");
            }
        } catch (IOException e) {
            throw new ConfigurationException(where + " cannot be read: " + e.getMessage());
        }
    }
}
