package org.ream.central.usersync.ldap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.SourceUser;
import org.ream.central.usersync.ldap.GroupRules.DnGroup;
import org.ream.central.usersync.ldap.LdapUserMapper.Mapped;
import org.ream.central.usersync.ldap.LdapUserMapper.Result;
import org.ream.central.usersync.ldap.LdapUserMapper.Skipped;

class LdapUserMapperTest {

    static final PropertyMapping MAPPING = PropertyMapping.parse(Map.of(UserProperty.USER_NAME, "sAMAccountName", UserProperty.FULL_NAME,
            "%givenName% %sn%", UserProperty.ALIASES, "proxyAddresses", UserProperty.CARDS, "cardNumber", UserProperty.PIN, "pin",
            UserProperty.PERSONAL_NUMBER, "employeeID", UserProperty.EMAIL, "mail", UserProperty.PHONE, "telephoneNumber", UserProperty.LANGUAGE,
            "preferredLanguage", UserProperty.USER_STORAGE, "\\\\files\\scans\\%sAMAccountName%"));

    static LdapEntry painter(String cn, String account, String givenName, String sn) {
        return new LdapEntry("CN=" + cn + ",OU=Painters,OU=famous_people,OU=MYQ_IMPORT_TEST,DC=testAD,DC=local",
                Map.of("sAMAccountName", List.of(account), "givenName", List.of(givenName), "sn", List.of(sn), "cn", List.of(cn)),
                "guid-" + account);
    }

    @Test
    void mapsEveryProperty() {
        LdapEntry e = new LdapEntry("CN=Claude Monet,OU=Painters,OU=famous_people,OU=MYQ_IMPORT_TEST,DC=testAD,DC=local",
                Map.of("sAMAccountName", List.of("Monet"), "givenName", List.of("Claude"), "sn", List.of("Monet"), "proxyAddresses",
                        List.of("cmonet", "Monet", "claude"), "cardNumber", List.of("7E9700C9", "7E9700CA"), "pin", List.of("1234"),
                        "employeeID", List.of("22212"), "mail", List.of("c.monet@testad.local"), "telephoneNumber", List.of("080008020"),
                        "preferredLanguage", List.of("fr")),
                "4f1c-guid");
        LdapUserMapper mapper = new LdapUserMapper(MAPPING, FilterLines.none(),
                new GroupRules(false, null, null, new DnGroup(3, true), null, null), LdapGroups.none());
        Result r = mapper.map(e);
        assertThat(r).isInstanceOf(Mapped.class);
        SourceUser u = ((Mapped) r).user();
        assertThat(u.externalId()).isEqualTo("4f1c-guid");
        assertThat(u.username()).isEqualTo("Monet");
        assertThat(u.fullName()).isEqualTo("Claude Monet");
        assertThat(u.aliases()).as("the user name is not its own alias").containsExactly("cmonet", "claude");
        assertThat(u.cards()).containsExactly("7E9700C9", "7E9700CA");
        assertThat(u.pinsMd5()).as("MD5 of 1234").containsExactly("81dc9bdb52d04dc20036dbd8313ed055");
        assertThat(u.personalNumber()).isEqualTo("22212");
        assertThat(u.email()).isEqualTo("c.monet@testad.local");
        assertThat(u.phone()).isEqualTo("080008020");
        assertThat(u.language()).isEqualTo("fr");
        assertThat(u.userStorage()).isEqualTo("\\\\files\\scans\\Monet");
        assertThat(u.groups()).containsExactly(GroupPath.of("Painters"));
        assertThat(((Mapped) r).groups().defaultGroup()).isEqualTo(GroupPath.of("Painters"));
        assertThat(u.passwordMd5()).as("passwords never come from LDAP").isNull();
        assertThat(u.managedGroups()).isEmpty();
        assertThat(u.delegates()).isEmpty();
        assertThat(u.authServer()).isNull();
    }

    @Test
    void unmappedOrMissingPropertiesStayNull() {
        LdapUserMapper mapper = new LdapUserMapper(PropertyMapping.activeDirectory(), null, null, null);
        SourceUser u = ((Mapped) mapper.map(painter("Claude Monet", "Monet", "Claude", "Monet"))).user();
        assertThat(u.fullName()).isEqualTo("Claude Monet");
        assertThat(u.email()).isNull();
        assertThat(u.personalNumber()).isNull();
        assertThat(u.cards()).isEmpty();
        assertThat(u.groups()).isEmpty();
    }

    @Test
    void entryWithoutUserNameIsSkippedWithTheReason() {
        LdapUserMapper mapper = new LdapUserMapper(MAPPING, null, null, null);
        LdapEntry noAccount = LdapEntry.of("CN=Printer Room,OU=devices,DC=testAD,DC=local", Map.of("cn", List.of("Printer Room")));
        Result r = mapper.map(noAccount);
        assertThat(r).isEqualTo(new Skipped("CN=Printer Room,OU=devices,DC=testAD,DC=local",
                "no user name: 'sAMAccountName' is empty for this entry"));
    }

    /** The manual's filter example (8.7.2): Dickens, Rembrandt van Rijn and Van Gogh are added, Monet is not. */
    @Test
    void manualsFilterDecidesWhoIsImported() {
        LdapUserMapper mapper = new LdapUserMapper(PropertyMapping.activeDirectory(), FilterLines.parse("filter", "givenName=Charles\ncn=*van*"),
                null, null);
        List<Result> results = List.of(painter("Charles Dickens", "Dickens", "Charles", "Dickens"),
                painter("Rembrandt van Rijn", "Rembrandt", "Rembrandt", "van Rijn"), painter("Vincent Van Gogh", "VanGogh", "Vincent", "Van Gogh"),
                painter("Claude Monet", "Monet", "Claude", "Monet")).stream().map(mapper::map).toList();
        assertThat(results).filteredOn(Mapped.class::isInstance).map(r -> ((Mapped) r).user().username()).containsExactly("Dickens", "Rembrandt",
                "VanGogh");
        assertThat(results.get(3)).isInstanceOf(Skipped.class);
        assertThat(((Skipped) results.get(3)).reason()).contains("givenName=Charles", "cn=*van*");
    }

    @Test
    void attributesToRequestCoverMappingAndGroupRules() {
        LdapUserMapper mapper = new LdapUserMapper(PropertyMapping.activeDirectory(), null,
                new GroupRules(false, null, GroupRules.AttributeGroup.parse("%department%|%title%", false), null, null,
                        new GroupRules.MemberOfGroups("OU=groups,DC=x", null, false, false)),
                null);
        assertThat(mapper.attributes()).contains("sAMAccountName", "cn", "department", "title", "memberOf");
    }
}
