package org.ream.central.authserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.Cache;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * DNS SRV look-ups (dnsjava, as Quarkus turns JNDI and with it the JDK's DNS provider off):
 * the system's resolvers, or given DNS servers.
 */
public final class DnsSrv {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private DnsSrv() {
    }

    /** The SRV records of a name, empty when there are none; throws when DNS cannot answer. */
    public static List<SrvRecord> lookup(String name) throws IOException {
        return lookup(name, null);
    }

    /** As {@link #lookup(String)}, asking the given DNS server instead of the system's. */
    public static List<SrvRecord> lookup(String name, InetSocketAddress dnsServer) throws IOException {
        Lookup lookup = new Lookup(name, Type.SRV);
        // No shared cache: a domain controller that changed is seen at the next login.
        lookup.setCache(new Cache());
        if (dnsServer != null) {
            SimpleResolver resolver = new SimpleResolver(dnsServer);
            resolver.setTimeout(TIMEOUT);
            lookup.setResolver(resolver);
        }
        Record[] records = lookup.run();
        int result = lookup.getResult();
        if (result == Lookup.HOST_NOT_FOUND || result == Lookup.TYPE_NOT_FOUND) {
            return List.of();
        }
        if (result != Lookup.SUCCESSFUL) {
            throw new IOException("DNS did not answer for " + name + ": " + lookup.getErrorString());
        }
        List<SrvRecord> out = new ArrayList<>();
        for (Record r : records) {
            if (r instanceof SRVRecord srv) {
                out.add(new SrvRecord(srv.getPriority(), srv.getWeight(), srv.getPort(), srv.getTarget().toString(true).toLowerCase(Locale.ROOT)));
            }
        }
        return out;
    }
}
