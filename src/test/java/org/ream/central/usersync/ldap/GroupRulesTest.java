package org.ream.central.usersync.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ream.central.usersync.GroupPath;
import org.ream.central.usersync.ldap.GroupRules.AttributeGroup;
import org.ream.central.usersync.ldap.GroupRules.DnGroup;
import org.ream.central.usersync.ldap.GroupRules.DnTreeGroup;
import org.ream.central.usersync.ldap.GroupRules.MemberOfGroups;

class GroupRulesTest {

    /** The manual's DN (8.7.2, Groups tab). */
    static final String MONET_DN = "CN=Claude Monet,OU=Painters,OU=famous_people,OU=MYQ_IMPORT_TEST,DC=testAD,DC=local";
    static final String GROUPS_BASE = "OU=groups,OU=MYQ_IMPORT_TEST,DC=testAD,DC=local";

    static final LdapEntry MONET = LdapEntry.of(MONET_DN, Map.of("department", List.of("Art"), "title", List.of("Painter", "Gardener"),
            "memberOf", List.of("CN=test_painters," + GROUPS_BASE, "CN=Domain Users,CN=Users,DC=testAD,DC=local",
                    "CN=impressionists,OU=movements," + GROUPS_BASE)));

    static GroupRules attribute(String template, boolean makeDefault) {
        return new GroupRules(false, null, AttributeGroup.parse(template, makeDefault), null, null, null);
    }

    static GroupRules ouIndex(int index) {
        return new GroupRules(false, null, null, new DnGroup(index, false), null, null);
    }

    static GroupRules tree(int left, int right) {
        return new GroupRules(false, null, null, null, new DnTreeGroup(left, right, false), null);
    }

    static GroupRules memberOf(String filter, boolean importEmpty, boolean importTree) {
        return new GroupRules(false, null, null, null, null,
                new MemberOfGroups(GROUPS_BASE, FilterLines.parse("groupFilter", filter), importEmpty, importTree));
    }

    static List<GroupPath> groups(GroupRules rules, LdapEntry user) {
        return rules.groupsOf(user, LdapGroups.none()).groups();
    }

    @Test
    void manualsOuIndexesCountFromTheRight() {
        assertThat(groups(ouIndex(1), MONET)).containsExactly(GroupPath.of("MYQ_IMPORT_TEST"));
        assertThat(groups(ouIndex(2), MONET)).containsExactly(GroupPath.of("famous_people"));
        assertThat(groups(ouIndex(3), MONET)).containsExactly(GroupPath.of("Painters"));
        assertThat(groups(ouIndex(4), MONET)).as("CN and DC components have no index").isEmpty();
    }

    @Test
    void manualsTreeWithOneComponentRemovedOnEachSide() {
        assertThat(groups(tree(1, 1), MONET)).containsExactly(GroupPath.of("testAD", "MYQ_IMPORT_TEST", "famous_people", "Painters"));
    }

    @Test
    void removingFromTheLeftDropsTheBottomGroupsFromTheRightTheTopOnes() {
        assertThat(groups(tree(2, 1), MONET)).containsExactly(GroupPath.of("testAD", "MYQ_IMPORT_TEST", "famous_people"));
        assertThat(groups(tree(1, 2), MONET)).containsExactly(GroupPath.of("MYQ_IMPORT_TEST", "famous_people", "Painters"));
        assertThat(groups(tree(3, 3), MONET)).as("nothing left").isEmpty();
    }

    @Test
    void treeMustRemoveTheUsersCnAndTheLastDc() {
        assertThatThrownBy(() -> new DnTreeGroup(0, 1, false)).isInstanceOf(InvalidLdapSyncSettings.class).hasMessageStartingWith("removeFromLeft");
        assertThatThrownBy(() -> new DnTreeGroup(1, 0, false)).isInstanceOf(InvalidLdapSyncSettings.class).hasMessageStartingWith("removeFromRight");
        assertThatThrownBy(() -> new DnGroup(0, false)).isInstanceOf(InvalidLdapSyncSettings.class).hasMessageStartingWith("ouIndex");
    }

    @Test
    void attributeNamesTheGroup() {
        assertThat(groups(attribute("department", false), MONET)).containsExactly(GroupPath.of("Art"));
    }

    @Test
    void manualsCombinedAttributesNameOneGroup() {
        // %attribut1%_%attribut2% imports one group named valeur1_valeur2; a multi-valued attribute gives one group per value.
        assertThat(groups(attribute("%department%_%title%", false), MONET)).containsExactly(GroupPath.of("Art_Painter"),
                GroupPath.of("Art_Gardener"));
    }

    @Test
    void manualsVerticalBarMakesAGroupAndItsSubgroup() {
        assertThat(groups(attribute("%department%|%title%", false), MONET)).containsExactly(GroupPath.of("Art", "Painter"),
                GroupPath.of("Art", "Gardener"));
    }

    @Test
    void aTemplateWithAMissingAttributeGivesNoHalfNamedGroup() {
        assertThat(groups(attribute("%department%_%division%", false), MONET)).isEmpty();
        assertThat(groups(attribute("division", false), MONET)).isEmpty();
    }

    @Test
    void memberOfKeepsOnlyTheGroupsUnderTheBaseDn() {
        assertThat(groups(memberOf(null, false, false), MONET)).containsExactly(GroupPath.of("test_painters"), GroupPath.of("impressionists"));
    }

    @Test
    void memberOfWithTheGroupTreeKeepsTheOusBelowTheBase() {
        assertThat(groups(memberOf(null, false, true), MONET)).containsExactly(GroupPath.of("test_painters"),
                GroupPath.of("movements", "impressionists"));
    }

    @Test
    void memberOfFilterIsTestedOnTheGroupEntries() {
        LdapGroups read = LdapGroups.of(List.of(
                LdapEntry.of("CN=test_painters," + GROUPS_BASE, Map.of("cn", List.of("test_painters"), "description", List.of("painters"))),
                LdapEntry.of("CN=impressionists,OU=movements," + GROUPS_BASE, Map.of("cn", List.of("impressionists"), "description",
                        List.of("a movement")))));
        GroupRules rules = memberOf("description=*movement*", false, false);
        assertThat(rules.groupsOf(MONET, read).groups()).containsExactly(GroupPath.of("impressionists"));
    }

    @Test
    void memberOfFilterFallsBackOnTheGroupsNameWhenTheGroupWasNotRead() {
        assertThat(groups(memberOf("cn=*paint*", false, false), MONET)).containsExactly(GroupPath.of("test_painters"));
    }

    @Test
    void importEmptyGroupsCreatesEveryGroupUnderTheBaseMeetingTheFilter() {
        LdapGroups read = LdapGroups.of(List.of(LdapEntry.of("CN=test_writers," + GROUPS_BASE, Map.of("cn", List.of("test_writers"))),
                LdapEntry.of("CN=test_painters," + GROUPS_BASE, Map.of("cn", List.of("test_painters"))),
                LdapEntry.of("CN=test_scientists," + GROUPS_BASE, Map.of("cn", List.of("test_scientists"))),
                LdapEntry.of("CN=other,DC=elsewhere", Map.of("cn", List.of("other")))));
        // The manual's SYNC GROUPS log: test_writers, test_painters, test_scientists.
        assertThat(memberOf(null, true, false).groupsToCreate(read)).containsExactly(GroupPath.of("test_writers"), GroupPath.of("test_painters"),
                GroupPath.of("test_scientists"));
        assertThat(memberOf("cn=*er*", true, false).groupsToCreate(read)).containsExactly(GroupPath.of("test_writers"),
                GroupPath.of("test_painters"));
        assertThat(memberOf(null, false, false).groupsToCreate(read)).as("option off").isEmpty();
    }

    @Test
    void groupsBaseDnMustBeADn() {
        assertThatThrownBy(() -> new MemberOfGroups("not a dn", null, false, false)).isInstanceOf(InvalidLdapSyncSettings.class)
                .hasMessageStartingWith("groupsBaseDn");
        assertThatThrownBy(() -> new MemberOfGroups(" ", null, false, false)).hasMessageStartingWith("groupsBaseDn");
    }

    @Test
    void everyGroupIsImportedUnderTheChosenGroup() {
        GroupRules rules = new GroupRules(false, GroupPath.parse("LDAP|testAD"), AttributeGroup.parse("department", false), new DnGroup(3, false),
                null, new MemberOfGroups(GROUPS_BASE, null, true, false));
        assertThat(groups(rules, MONET)).containsExactly(GroupPath.of("LDAP", "testAD", "Art"), GroupPath.of("LDAP", "testAD", "Painters"),
                GroupPath.of("LDAP", "testAD", "test_painters"), GroupPath.of("LDAP", "testAD", "impressionists"));
        LdapGroups read = LdapGroups.of(List.of(LdapEntry.of("CN=test_writers," + GROUPS_BASE, Map.of())));
        assertThat(rules.groupsToCreate(read)).containsExactly(GroupPath.of("LDAP", "testAD", "test_writers"));
    }

    @Test
    void makeDefaultPutsThatGroupFirst() {
        GroupRules rules = new GroupRules(false, null, AttributeGroup.parse("department", false), new DnGroup(3, false),
                new DnTreeGroup(1, 1, true), null);
        UserGroups g = rules.groupsOf(MONET, LdapGroups.none());
        GroupPath bottomOfTree = GroupPath.of("testAD", "MYQ_IMPORT_TEST", "famous_people", "Painters");
        assertThat(g.defaultGroup()).as("the tree's bottom group").isEqualTo(bottomOfTree);
        assertThat(g.groups()).containsExactly(bottomOfTree, GroupPath.of("Art"), GroupPath.of("Painters"));
        assertThat(g.keepDefaultGroup()).isFalse();
    }

    @Test
    void firstRuleWithMakeDefaultWins() {
        GroupRules rules = new GroupRules(true, null, AttributeGroup.parse("department", false), new DnGroup(3, true),
                new DnTreeGroup(1, 1, true), null);
        UserGroups g = rules.groupsOf(MONET, LdapGroups.none());
        assertThat(g.defaultGroup()).isEqualTo(GroupPath.of("Painters"));
        assertThat(g.groups().get(0)).isEqualTo(GroupPath.of("Painters"));
        assertThat(g.keepDefaultGroup()).as("do not change the default group").isTrue();
    }

    @Test
    void withoutMakeDefaultNoDefaultGroupIsChosen() {
        UserGroups g = attribute("department", false).groupsOf(MONET, LdapGroups.none());
        assertThat(g.defaultGroup()).isNull();
        assertThat(g.groups()).containsExactly(GroupPath.of("Art"));
    }

    @Test
    void sameGroupFromTwoRulesOnlyOnce() {
        GroupRules rules = new GroupRules(false, null, AttributeGroup.parse("%ou%", false), new DnGroup(3, false), null, null);
        LdapEntry user = LdapEntry.of(MONET_DN, Map.of("ou", List.of("Painters")));
        assertThat(groups(rules, user)).containsExactly(GroupPath.of("Painters"));
    }

    @Test
    void noRulesNoGroups() {
        assertThat(groups(GroupRules.none(), MONET)).isEmpty();
        assertThat(GroupRules.none().userAttributes()).isEmpty();
        assertThat(memberOf(null, false, false).userAttributes()).containsExactly("memberOf");
    }
}
