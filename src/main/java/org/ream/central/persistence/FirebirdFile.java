package org.ream.central.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Reads the header page of an embedded database file without the Firebird engine. The
 * engine writes to the header (transaction and attachment counters) on every attach, even a
 * read-only one, so the start-up checks use this to tell a database from a damaged file, and
 * to recognise a file this data folder has already verified, while writing nothing.
 * Layout: Firebird 3 {@code src/jrd/ods.h}, struct header_page (little-endian machines).
 */
final class FirebirdFile {

    /** On-disk structure major version that the Firebird 3 engine reads and writes. */
    static final int FIREBIRD_3_ODS = 12;
    private static final int HEADER_PAGE_TYPE = 1;
    private static final int ODS_FIREBIRD_FLAG = 0x8000;
    private static final int HEADER_BYTES = 132;

    /**
     * What the header says. {@code identity} changes when the file is replaced by another
     * database (creation stamp and page size), not when the database is used.
     */
    record Header(int pageSize, int odsMajor, int odsMinor, String identity) {
        boolean firebird3() {
            return odsMajor == FIREBIRD_3_ODS;
        }
    }

    private FirebirdFile() {
    }

    /** The header, or empty when the file does not start with a Firebird header page. */
    static Optional<Header> readHeader(Path file) throws IOException {
        byte[] raw = new byte[HEADER_BYTES];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(raw, 0, raw.length);
        }
        if (n < HEADER_BYTES) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int pageType = b.get(0);
        int pageSize = Short.toUnsignedInt(b.getShort(16));
        int ods = Short.toUnsignedInt(b.getShort(18));
        int odsMinor = Short.toUnsignedInt(b.getShort(64));
        boolean validPageSize = pageSize >= 1024 && pageSize <= 32768 && Integer.bitCount(pageSize) == 1;
        if (pageType != HEADER_PAGE_TYPE || !validPageSize || (ods & ODS_FIREBIRD_FLAG) == 0 || Files.size(file) < pageSize) {
            return Optional.empty();
        }
        // hdr_creation_date: 8 bytes at offset 44, set when the database is created or restored.
        String identity = "ods=" + (ods & ~ODS_FIREBIRD_FLAG) + "." + odsMinor + " page=" + pageSize + " created="
                + HexFormat.of().formatHex(raw, 44, 52);
        return Optional.of(new Header(pageSize, ods & ~ODS_FIREBIRD_FLAG, odsMinor, identity));
    }
}
