package org.ream.central.usersync.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.ream.central.authserver.AuthServers;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.SourceSettings.Kind;
import org.ream.central.usersync.SourceUser;
import org.ream.central.usersync.SyncOptions;
import org.ream.central.usersync.FieldMode;
import org.ream.central.usersync.SyncEngine;
import org.ream.central.usersync.SyncSources;
import org.ream.central.usersync.ldap.LdapEntry;
import org.ream.central.usersync.ldap.LdapSyncSettings;
import org.ream.central.usersync.ldap.PropertyMapping;
import org.ream.central.usersync.ldap.UserProperty;

/**
 * Azure AD through Microsoft Graph (8.7.3): all users or the users of chosen groups, mapped
 * with the same property templates as LDAP (Graph property names instead of attributes), the
 * user's groups unless "ignore groups", groups containing the ignored strings left out.
 */
@ApplicationScoped
public class AzureSourceReader implements SyncEngine.SourceReader, SyncSources.SourceCheck {

    /** Graph's names for the usual properties: the mapping when the source sets none. */
    static PropertyMapping graphDefaults() {
        return PropertyMapping.parse(Map.of(UserProperty.USER_NAME, "userPrincipalName", UserProperty.FULL_NAME, "displayName", UserProperty.EMAIL, "mail",
                UserProperty.PHONE, "mobilePhone", UserProperty.PERSONAL_NUMBER, "employeeId", UserProperty.LANGUAGE, "preferredLanguage"));
    }

    @Inject
    AuthServers authServers;

    @Inject
    DirectoryReaders readers;

    @Override
    public boolean handles(Kind kind) {
        return kind == Kind.AZURE;
    }

    @Override
    public void check(Kind kind, Map<String, Object> config) {
        LdapSyncSettings.from(config, AzureSourceReader::graphDefaults);
    }

    @Override
    public SyncOptions options(SyncSources.Source source) {
        SyncOptions o = source.options();
        PropertyMapping mapping = LdapSyncSettings.from(source.config(), AzureSourceReader::graphDefaults).mapping();
        boolean groups = !Boolean.TRUE.equals(source.config().get("ignoreGroups"));
        return o.withModes(mapping.template(UserProperty.CARDS).isPresent() ? FieldMode.FULL_SYNC : FieldMode.DO_NOT_SYNC, FieldMode.DO_NOT_SYNC,
                groups ? FieldMode.FULL_SYNC : FieldMode.DO_NOT_SYNC, FieldMode.DO_NOT_SYNC);
    }

    @Override
    public SyncEngine.ReadResult read(SyncSources.Source source, boolean full, Consumer<SourceUser> sink) throws Exception {
        AuthServers.Server server = authServers.find(Long.parseLong(source.config().get("serverId").toString()))
                .orElseThrow(() -> new IllegalStateException("its Azure AD server no longer exists"));
        PropertyMapping mapping = LdapSyncSettings.from(source.config(), AzureSourceReader::graphDefaults).mapping();
        Set<String> properties = new LinkedHashSet<>(List.of("id", "userPrincipalName"));
        for (UserProperty p : UserProperty.values()) {
            mapping.template(p).ifPresent(t -> properties.addAll(t.attributes()));
        }
        boolean allUsers = !Boolean.FALSE.equals(source.config().get("allUsers"));
        @SuppressWarnings("unchecked")
        List<String> groupIds = (List<String>) source.config().getOrDefault("groupIds", List.of());
        GraphQuery query = (allUsers ? GraphQuery.allUsers(List.copyOf(properties)) : GraphQuery.usersOfGroups(groupIds, List.copyOf(properties)))
                .withPageSize(readers.graphPageSize());
        boolean importGroups = !Boolean.TRUE.equals(source.config().get("ignoreGroups"));
        if (importGroups) {
            @SuppressWarnings("unchecked")
            List<String> parts = (List<String>) source.config().getOrDefault("ignoreGroupsContaining", List.of());
            query = query.withUserGroups(new GroupNameFilter(List.of(), parts));
        }
        boolean delta = allUsers && !full && !Boolean.FALSE.equals(source.config().get("deltaRuns")) && source.deltaToken() != null;
        GraphDirectoryReader reader = readers.graph(server);
        List<String> notes = new ArrayList<>();
        int[] count = new int[1];
        ReadResult r;
        try {
            r = reader.read(delta ? query.withDeltaLink(source.deltaToken()) : query, e -> deliver(e, mapping, importGroups, sink, notes, count));
        } catch (DeltaExpiredException expired) {
            notes.add("The delta token had expired: everything was read again");
            r = reader.read(query, e -> deliver(e, mapping, importGroups, sink, notes, count));
        }
        if (r.problem() != null) {
            notes.add("Note from Microsoft Graph: " + r.problem());
        }
        return new SyncEngine.ReadResult(r.complete(), r.delta(), r.watermark(), count[0], notes);
    }

    private static void deliver(DirectoryEntry e, PropertyMapping mapping, boolean importGroups, Consumer<SourceUser> sink, List<String> notes, int[] count) {
        if (e.removed()) {
            // Deactivated by the next full read, which sees the user missing.
            notes.add("REMOVED in Azure AD: " + (e.name() != null ? e.name() : e.id()) + " (deactivated by the next full run)");
            return;
        }
        LdapEntry entry = new LdapEntry(e.name() == null ? e.id() : e.name(), e.attributes(), e.id());
        String username = mapping.value(UserProperty.USER_NAME, entry);
        if (username == null) {
            notes.add("SKIPPED " + e.id() + ": no user name in this answer (read again at the next full run)");
            return;
        }
        List<GroupPath> groups = importGroups ? e.groups().stream().filter(g -> !g.isBlank()).map(g -> GroupPath.of(g.strip())).toList() : List.of();
        count[0]++;
        sink.accept(new SourceUser(e.id(), username, mapping.value(UserProperty.FULL_NAME, entry), mapping.values(UserProperty.ALIASES, entry),
                mapping.value(UserProperty.EMAIL, entry), mapping.values(UserProperty.CARDS, entry), groups,
                mapping.value(UserProperty.PERSONAL_NUMBER, entry), mapping.value(UserProperty.USER_STORAGE, entry), List.of(), List.of(), null,
                mapping.value(UserProperty.PHONE, entry), mapping.value(UserProperty.LANGUAGE, entry), null, List.of()));
    }
}
