package org.ream.central.usersync.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.ream.central.authserver.AuthServerKind;
import org.ream.central.authserver.AuthServers;
import org.ream.central.authserver.AzureSettings;
import org.ream.central.authserver.LdapConnections;
import org.ream.central.authserver.LdapSettings;

/** Makes the reader for a synchronisation source from the authentication server it names. */
@ApplicationScoped
public class DirectoryReaders {

    @Inject
    SourceReadConfig config;

    /**
     * The reader of an LDAP server, reading as the given account (the source's own, as Active
     * Directory servers keep none); a blank account falls back to the server's search account.
     */
    public LdapDirectoryReader ldap(AuthServers.Server server, String bindUser, String bindPassword) {
        if (server.kind() != AuthServerKind.LDAP) {
            throw new InvalidSourceQuery("authServer", server.name() + " is not an LDAP server");
        }
        LdapSettings settings = LdapSettings.from(server.config());
        boolean own = bindUser != null && !bindUser.isBlank();
        return new LdapDirectoryReader(new LdapConnections(settings), own ? bindUser : settings.bindUser(), own ? bindPassword : settings.bindPassword());
    }

    public GraphDirectoryReader graph(AuthServers.Server server) {
        if (server.kind() != AuthServerKind.AZURE) {
            throw new InvalidSourceQuery("authServer", server.name() + " is not an Azure AD server");
        }
        return new GraphDirectoryReader(AzureSettings.from(server.config()), graphEndpoints());
    }

    public GraphEndpoints graphEndpoints() {
        return new GraphEndpoints(config.graphUrl(), null, config.graphTimeout(), config.graphMaxRetries(), config.graphMaxRetryWait());
    }

    /** An LDAP query with the configured page size. */
    public LdapQuery ldapQuery(java.util.List<String> baseDns, String filter, java.util.List<String> attributes, String watermark) {
        return new LdapQuery(baseDns, filter, attributes, null, watermark, config.ldapPageSize());
    }

    public int graphPageSize() {
        return config.graphPageSize();
    }
}
