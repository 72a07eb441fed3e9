package org.ream.central.authserver;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import org.ream.central.authserver.LdapSettings.LdapSecurity;
import org.ream.central.security.ExternalAuthenticator.Outcome;
import org.ream.central.security.ExternalAuthenticator.Result;

/**
 * Checks a user name and password against an LDAP server (manual 8.7.7): Active Directory binds
 * the user directly as user@domain; the other types find the user's entry with the search
 * account, then bind as it. Addresses are tried in order; with none, the domain controllers
 * come from DNS SRV. The password goes to the server only and is never kept or logged.
 */
public final class LdapAuthentication {

    /** Finds SRV records by name; replaced in tests. */
    @FunctionalInterface
    public interface SrvResolver {
        List<SrvRecord> lookup(String name) throws Exception;
    }

    private final LdapSettings settings;
    private final LdapConnections connections;

    public LdapAuthentication(LdapSettings settings, SrvResolver resolver) {
        this.settings = settings;
        this.connections = new LdapConnections(settings, resolver);
    }

    public LdapAuthentication(LdapSettings settings) {
        this(settings, DnsSrv::lookup);
    }

    /** The addresses to try, in order: as configured, else the domain controllers DNS names. */
    List<ServerAddress> addresses(List<String> problems) {
        return connections.addresses(problems);
    }

    private LDAPConnection connect(ServerAddress a) throws LDAPException, GeneralSecurityException {
        return connections.connect(a);
    }

    public Result authenticate(String username, String password) {
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            // An empty password would be an anonymous bind, which servers accept: never a login.
            return new Result(Outcome.REJECTED, "User name and password are required");
        }
        List<String> problems = new ArrayList<>();
        for (ServerAddress a : addresses(problems)) {
            try (LDAPConnection c = connect(a)) {
                String dn;
                if (settings.bindsDirectly()) {
                    dn = settings.directBindName(username);
                } else {
                    if (!settings.bindUser().isEmpty()) {
                        try {
                            c.bind(new SimpleBindRequest(settings.bindUser(), settings.bindPassword()));
                        } catch (LDAPException e) {
                            if (unreachable(e)) {
                                throw e;
                            }
                            return new Result(Outcome.UNREACHABLE, "LDAP server " + a + " refused the search account " + settings.bindUser()
                                    + " (" + e.getResultCode() + "): check the server settings");
                        }
                    }
                    SearchResult found = c.search(settings.baseDn(), SearchScope.SUB, userFilter(username), "1.1");
                    List<SearchResultEntry> entries = found.getSearchEntries();
                    if (entries.size() != 1) {
                        return new Result(Outcome.REJECTED, entries.isEmpty() ? "User " + username + " not found in " + settings.baseDn()
                                : "User name " + username + " matches " + entries.size() + " entries in " + settings.baseDn());
                    }
                    dn = entries.get(0).getDN();
                }
                try {
                    c.bind(new SimpleBindRequest(dn, password));
                    return new Result(Outcome.ACCEPTED, "Accepted by LDAP server " + a);
                } catch (LDAPException e) {
                    if (unreachable(e)) {
                        throw e;
                    }
                    return new Result(Outcome.REJECTED, "LDAP server " + a + " refused the credentials (" + e.getResultCode().getName() + ")");
                }
            } catch (LDAPException e) {
                if (!unreachable(e)) {
                    return new Result(Outcome.UNREACHABLE, "LDAP server " + a + " answered " + e.getResultCode().getName() + ": " + e.getDiagnosticMessage());
                }
                problems.add(a + " (" + describe(e) + ")");
            } catch (GeneralSecurityException e) {
                return new Result(Outcome.UNREACHABLE, "The TLS settings of the LDAP server cannot be used: " + e.getMessage());
            }
        }
        return new Result(Outcome.UNREACHABLE, "No LDAP server of " + settings.domain() + " could be reached: tried " + String.join(", ", problems));
    }

    /** The Test button: connects to every address (with the search account if set) and, given a user, checks the login too. */
    public TestReport test(String username, String password) {
        List<String> steps = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<ServerAddress> addresses = addresses(problems);
        steps.addAll(problems);
        if (settings.autoDiscover() && !addresses.isEmpty()) {
            steps.add("DNS SRV _ldap._tcp." + settings.domain() + " found " + addresses);
        }
        int reachable = 0;
        for (ServerAddress a : addresses) {
            try (LDAPConnection c = connect(a)) {
                if (!settings.bindUser().isEmpty()) {
                    c.bind(new SimpleBindRequest(settings.bindUser(), settings.bindPassword()));
                    steps.add(a + ": connected" + (settings.security() == LdapSecurity.NONE ? "" : " (" + settings.security() + ")")
                            + ", search account accepted");
                } else {
                    steps.add(a + ": connected" + (settings.security() == LdapSecurity.NONE ? "" : " (" + settings.security() + ")"));
                }
                reachable++;
            } catch (LDAPException e) {
                steps.add(a + ": " + describe(e));
            } catch (GeneralSecurityException e) {
                steps.add(a + ": TLS settings unusable: " + e.getMessage());
            }
        }
        boolean ok = reachable > 0 && reachable == addresses.size();
        String message = addresses.isEmpty() ? "No address to try" : reachable + " of " + addresses.size() + " address(es) answered";
        if (reachable > 0 && username != null && !username.isBlank()) {
            Result r = authenticate(username, password);
            steps.add("Login of " + username + ": " + r.outcome() + " - " + r.message());
            ok = ok && r.outcome() == Outcome.ACCEPTED;
            message += "; login of " + username + " " + r.outcome().name().toLowerCase();
        }
        return new TestReport(ok, message, steps);
    }

    private Filter userFilter(String username) {
        Filter byName = Filter.createEqualityFilter(settings.userFilterAttribute(), username);
        if (username.contains("@")) {
            return Filter.createORFilter(byName, Filter.createEqualityFilter("mail", username));
        }
        return byName;
    }

    private static boolean unreachable(LDAPException e) {
        return LdapConnections.unreachable(e);
    }

    private static String describe(LDAPException e) {
        return LdapConnections.describe(e);
    }
}
