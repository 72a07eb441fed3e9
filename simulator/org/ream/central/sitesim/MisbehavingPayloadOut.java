package org.ream.central.sitesim;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/** The payload faults of a misbehaving site, around any {@link PayloadOut}. */
final class MisbehavingPayloadOut implements PayloadOut {

    /** Thrown by {@link #record} once a truncated payload has been cut: the server stops generating. */
    static final class Cut extends RuntimeException {
        Cut() {
            super("payload cut", null, false, false);
        }
    }

    private final PayloadOut out;
    private final Misbehaviour mode;
    private final int cutAfterSessions;
    private int seen;
    private int sessions;

    MisbehavingPayloadOut(PayloadOut out, Misbehaviour mode, int cutAfterSessions) {
        this.out = out;
        this.mode = mode;
        this.cutAfterSessions = cutAfterSessions;
    }

    @Override
    public void signWith(byte[] siteKey) {
        out.signWith(siteKey);
    }

    @Override
    public void begin(BatchHeader header) {
        out.begin(header);
    }

    @Override
    public void record(SimRecord record) {
        out.record(record);
        if (mode == Misbehaviour.DUPLICATES && seen++ % 10 == 0) {
            out.record(record);
        }
        if (mode == Misbehaviour.TRUNCATED && record.type().equals(RecordTypes.SESSION) && ++sessions >= cutAfterSessions) {
            out.abort();
            throw new Cut();
        }
    }

    @Override
    public void finish() {
        if (mode == Misbehaviour.TRUNCATED) {
            out.abort();
        } else {
            out.finish();
        }
    }

    @Override
    public void abort() {
        out.abort();
    }

    @Override
    public int records() {
        return out.records();
    }

    /** Keeps only the first bytes of line {@code line} (1-based) of the plain text, so that it is no longer JSON. */
    static OutputStream breakingLine(OutputStream target, int line) {
        return new FilterOutputStream(target) {
            private int current = 1;
            private int written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (current > line) {
                    out.write(b, off, len);
                    return;
                }
                for (int i = off; i < off + len; i++) {
                    if (current != line || b[i] == '\n' || written++ < 12) {
                        out.write(b[i]);
                    }
                    if (b[i] == '\n') {
                        current++;
                    }
                }
            }
        };
    }
}
