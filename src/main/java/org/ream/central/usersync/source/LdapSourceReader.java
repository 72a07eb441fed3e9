package org.ream.central.usersync.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.ream.central.authserver.AuthServers;
import org.ream.central.authserver.LdapSettings;
import org.ream.central.usersync.SourceSettings.Kind;
import org.ream.central.usersync.SourceUser;
import org.ream.central.usersync.SyncOptions;
import org.ream.central.usersync.FieldMode;
import org.ream.central.usersync.ldap.GroupRules;
import org.ream.central.usersync.ldap.UserProperty;
import org.ream.central.usersync.SyncEngine;
import org.ream.central.usersync.SyncSources;
import org.ream.central.usersync.ldap.LdapEntry;
import org.ream.central.usersync.ldap.LdapGroups;
import org.ream.central.usersync.ldap.LdapSyncSettings;
import org.ream.central.usersync.ldap.LdapUserMapper;
import org.ream.central.usersync.ldap.PropertyMapping;
import org.ream.central.validation.InvalidField;

/**
 * LDAP and Google Workspace sources (8.7.2, 8.7.6): the groups under the memberOf base DN
 * first (when that option is on), then the users page by page through the Users tab's filter,
 * mapping and group rules. A scheduled run after a full one reads only what changed.
 */
@ApplicationScoped
public class LdapSourceReader implements SyncEngine.SourceReader, SyncSources.SourceCheck {

    /** Skipped entries listed in the result log at most; the count is always given. */
    static final int MAX_SKIPPED_LINES = 200;

    @Inject
    AuthServers authServers;

    @Inject
    DirectoryReaders readers;

    @Override
    public boolean handles(Kind kind) {
        return kind == Kind.LDAP || kind == Kind.GOOGLE;
    }

    /** Checks the Users and Groups tabs when a source is saved: a filter or base DN that does not parse is refused then, not at the next run. */
    @Override
    public void check(Kind kind, Map<String, Object> config) {
        rules(config, LdapSettings.LdapType.OPENLDAP);
        @SuppressWarnings("unchecked")
        List<String> baseDns = (List<String>) config.get("baseDns");
        LdapDirectoryReader.validate(baseDns, "(objectClass=person)");
    }

    @Override
    public SyncOptions options(SyncSources.Source source) {
        SyncOptions o = source.options();
        LdapSyncSettings rules = rules(source.config(), LdapSettings.LdapType.OPENLDAP);
        GroupRules g = rules.groups();
        boolean groups = g.importUnder() != null || g.fromAttribute() != null || g.fromDn() != null || g.treeFromDn() != null || g.fromMemberOf() != null;
        return o.withModes(rules.mapping().template(UserProperty.CARDS).isPresent() ? FieldMode.FULL_SYNC : FieldMode.DO_NOT_SYNC,
                rules.mapping().template(UserProperty.PIN).isPresent() ? FieldMode.ADD_NEW : FieldMode.DO_NOT_SYNC, groups ? FieldMode.FULL_SYNC : FieldMode.DO_NOT_SYNC,
                FieldMode.DO_NOT_SYNC);
    }

    @Override
    public SyncEngine.ReadResult read(SyncSources.Source source, boolean full, Consumer<SourceUser> sink) throws Exception {
        AuthServers.Server server = authServers.find(Long.parseLong(source.config().get("serverId").toString()))
                .orElseThrow(() -> new IllegalStateException("its LDAP server no longer exists"));
        LdapSettings ldap = LdapSettings.from(server.config());
        LdapSyncSettings rules = rules(source.config(), ldap.type());
        LdapDirectoryReader reader = readers.ldap(server, text(source.config(), "bindUser"), text(source.config(), "bindPassword"));
        boolean delta = !full && !Boolean.FALSE.equals(source.config().get("deltaRuns")) && source.deltaToken() != null;
        List<String> notes = new ArrayList<>();
        LdapGroups groups = LdapGroups.none();
        String groupsMark = null;
        if (rules.groups().fromMemberOf() != null) {
            List<LdapEntry> groupEntries = new ArrayList<>();
            boolean[] groupChanged = new boolean[1];
            // Group entries carry their change stamp (modifyTimestamp; uSNChanged asked for on Active Directory).
            List<String> groupAttributes = ldap.type() == LdapSettings.LdapType.ACTIVE_DIRECTORY ? List.of("cn", "description", "uSNChanged")
                    : List.of("cn", "description");
            ReadResult g = reader.read(readers.ldapQuery(List.of(rules.groups().fromMemberOf().groupsBaseDn()),
                    "(|(objectClass=group)(objectClass=groupOfNames)(objectClass=groupOfUniqueNames)(objectClass=posixGroup))", groupAttributes,
                    null), e -> {
                        groupEntries.add(new LdapEntry(e.name(), e.attributes(), e.id()));
                        groupChanged[0] |= LdapDirectoryReader.changedAfter(e, source.deltaToken());
                    });
            if (!g.complete()) {
                throw new IllegalStateException("the groups under " + rules.groups().fromMemberOf().groupsBaseDn() + " could not be read: " + g.problem());
            }
            groups = LdapGroups.of(groupEntries);
            groupsMark = g.watermark();
            if (delta && groupChanged[0]) {
                // A change of members stamps the group, not its members (OpenLDAP's memberof overlay, Active
                // Directory's memberOf back-link): users read by their own stamp would keep their old groups.
                delta = false;
                notes.add("Groups under " + rules.groups().fromMemberOf().groupsBaseDn()
                        + " changed since the last run, which the users' change stamps do not show: full read");
            }
        }
        LdapUserMapper mapper = new LdapUserMapper(rules.mapping(), rules.filters(), rules.groups(), groups);
        // inetOrgPerson listed too: a directory without schema inheritance (and some appliances) does not match it as a person.
        String base = ldap.type() == LdapSettings.LdapType.ACTIVE_DIRECTORY ? "(&(objectCategory=person)(objectClass=user))"
                : "(|(objectClass=person)(objectClass=inetOrgPerson))";
        String filter = rules.filters().isEmpty() ? base : rules.filters().and(com.unboundid.ldap.sdk.Filter.create(base)).toString();
        int[] counts = new int[2];
        @SuppressWarnings("unchecked")
        List<String> baseDns = (List<String>) source.config().get("baseDns");
        ReadResult r = reader.read(readers.ldapQuery(baseDns, filter, List.copyOf(mapper.attributes()), delta ? source.deltaToken() : null), e -> {
            LdapUserMapper.Result result = mapper.map(new LdapEntry(e.name(), e.attributes(), e.id()));
            if (result instanceof LdapUserMapper.Mapped m) {
                counts[0]++;
                sink.accept(m.user());
            } else if (result instanceof LdapUserMapper.Skipped s && ++counts[1] <= MAX_SKIPPED_LINES) {
                notes.add("SKIPPED " + s.dn() + ": " + s.reason());
            }
        });
        if (counts[1] > MAX_SKIPPED_LINES) {
            notes.add("... " + (counts[1] - MAX_SKIPPED_LINES) + " more entries skipped");
        }
        if (r.problem() != null) {
            notes.add("Note from the directory: " + r.problem());
        }
        // The groups' latest stamp too: a group change already read must not make every following run a full one.
        return new SyncEngine.ReadResult(r.complete(), r.delta(), LdapDirectoryReader.later(r.watermark(), groupsMark), counts[0], notes,
                mapper.groupsToCreate());
    }

    static LdapSyncSettings rules(Map<String, Object> config, LdapSettings.LdapType type) {
        return LdapSyncSettings.from(config, type == LdapSettings.LdapType.ACTIVE_DIRECTORY ? PropertyMapping::activeDirectory : PropertyMapping::openLdap);
    }

    static String text(Map<String, Object> config, String key) {
        Object v = config.get(key);
        return v == null ? "" : v.toString();
    }

    /** A refusal of the rules, named after the settings field. */
    static InvalidField invalid(String field, String reason) {
        return new InvalidField(field, reason);
    }
}
