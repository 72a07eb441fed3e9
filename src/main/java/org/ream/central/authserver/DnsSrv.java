package org.ream.central.authserver;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** DNS SRV look-ups through the JDK's DNS provider (the system's resolvers). */
public final class DnsSrv {

    private DnsSrv() {
    }

    /** The SRV records of a name, empty when there are none; throws when DNS cannot be asked. */
    public static List<SrvRecord> lookup(String name) throws NamingException {
        return lookup(name, null);
    }

    /** As {@link #lookup(String)}, asking the given DNS servers ("dns://host:port") instead of the system's. */
    public static List<SrvRecord> lookup(String name, String dnsServers) throws NamingException {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        if (dnsServers != null) {
            env.put("java.naming.provider.url", dnsServers);
        }
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        DirContext ctx = new InitialDirContext(env);
        try {
            Attributes attrs = ctx.getAttributes(name, new String[] {"SRV"});
            Attribute srv = attrs.get("SRV");
            List<SrvRecord> out = new ArrayList<>();
            if (srv != null) {
                NamingEnumeration<?> values = srv.getAll();
                while (values.hasMore()) {
                    out.add(SrvRecord.parse(values.next().toString()));
                }
            }
            return out;
        } catch (javax.naming.NameNotFoundException e) {
            return List.of();
        } finally {
            ctx.close();
        }
    }
}
