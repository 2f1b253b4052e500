package dev.faultline.engine.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The tar streams Docker's archive API takes and gives: one file at a time. */
final class Tar {
    /** The largest file read out of an image: 64 MiB. */
    static final long MAX_FILE = 64L << 20;

    private Tar() {
    }

    /** A tar stream of one regular file at relative path {@code name}, after its parent directories (mode 0700). */
    static byte[] oneFile(String name, byte[] content, int mode) {
        if (name.startsWith("/") || name.endsWith("/") || name.contains("..") || name.isEmpty()) {
            throw new IllegalArgumentException("not a relative file path: " + name);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(content.length + 2048);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
                TarArchiveEntry dir = new TarArchiveEntry(name.substring(0, slash + 1));
                dir.setMode(040700);
                tar.putArchiveEntry(dir);
                tar.closeArchiveEntry();
            }
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            entry.setMode(mode);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The content of the first regular file of a tar stream. */
    static byte[] firstFile(InputStream stream) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(stream);
        for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
            if (entry.isFile()) {
                if (entry.getSize() > MAX_FILE) {
                    throw new IOException(entry.getName() + " is larger than " + MAX_FILE + " bytes");
                }
                return tar.readAllBytes();
            }
        }
        throw new IOException("no file in the archive");
    }
}
