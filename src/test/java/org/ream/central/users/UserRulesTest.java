package org.ream.central.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserRulesTest {

    private static Map<String, String> check(String username, String fullName, List<String> aliases, List<String> cards, String email, String lang) {
        return UserRules.check(username, fullName, aliases, cards, email, null, null, lang, null, null, false);
    }

    @Test
    void theManualsUserIsValid() {
        assertThat(check("Tom", "Thomas Pineapple", List.of("Tommy", "Apple"), List.of("7E9700C9"), "t.pineapple@domain.com", "en")).isEmpty();
    }

    @Test
    void userNameAndFullNameAreRequired() {
        assertThat(check("", "", List.of(), List.of(), null, null)).containsOnlyKeys("username", "fullName");
        assertThat(check(null, null, List.of(), List.of(), null, null)).containsOnlyKeys("username", "fullName");
    }

    @Test
    void userNamesAreCaseSensitiveSoTomAndTomAreDifferentAliases() {
        assertThat(check("tom", "T", List.of("Tom", "TOM"), List.of(), null, null)).isEmpty();
        assertThat(check("tom", "T", List.of("tom"), List.of(), null, null)).containsKey("aliases");
        assertThat(check("tom", "T", List.of("x", "x"), List.of(), null, null)).containsKey("aliases");
    }

    @Test
    void systemPrefixCommasAndSpacesAreRefused() {
        assertThat(check("*boss", "B", List.of(), List.of(), null, null)).containsKey("username");
        assertThat(check("a,b", "B", List.of(), List.of(), null, null)).containsKey("username");
        assertThat(check(" a", "B", List.of(), List.of(), null, null)).containsKey("username");
        assertThat(check("a", "B", List.of("*x"), List.of(), null, null)).containsKey("aliases");
        assertThat(UserRules.check("*admin", "Administrator", List.of(), List.of(), null, null, null, null, null, null, true)).isEmpty();
    }

    @Test
    void cardsMustBeDistinctAndWithoutCommas() {
        assertThat(check("a", "A", List.of(), List.of("1", "1"), null, null)).containsKey("cards");
        assertThat(check("a", "A", List.of(), List.of("1,2"), null, null)).containsKey("cards");
        assertThat(check("a", "A", List.of(), List.of(""), null, null)).containsKey("cards");
    }

    @Test
    void unknownLanguageAndBadEmailAreNamed() {
        Map<String, String> e = check("a", "A", List.of(), List.of(), "not-an-address", "xx");
        assertThat(e).containsOnlyKeys("email", "language");
        assertThat(e.get("language")).contains("xx").contains("en, fr, de, cs, es");
        for (String lang : UserRules.LANGUAGES) {
            assertThat(check("a", "A", List.of(), List.of(), null, lang)).isEmpty();
        }
    }

    @Test
    void languagesAreTheOnesTheUiOffers() {
        assertThat(UserRules.LANGUAGES).isEqualTo(org.ream.central.settings.SettingsCatalog.LANGUAGES);
    }

    @Test
    void groupNamesCannotHoldTheCsvSeparators() {
        assertThat(UserRules.groupNameProblem("Outdoor")).isNull();
        assertThat(UserRules.groupNameProblem("In|Out")).isNotNull();
        assertThat(UserRules.groupNameProblem("In,Out")).isNotNull();
        assertThat(UserRules.groupNameProblem(" ")).isNotNull();
    }

    @Test
    void cyclesAreFoundThroughTheWholeAncestry() {
        // Activities > Outdoor > Swimming, and Sales at the top.
        Map<Long, Long> parents = new HashMap<>();
        parents.put(1L, null);
        parents.put(2L, 1L);
        parents.put(3L, 2L);
        parents.put(4L, null);
        assertThat(UserRules.makesCycle(1, 3L, parents)).isTrue();
        assertThat(UserRules.makesCycle(1, 1L, parents)).isTrue();
        assertThat(UserRules.makesCycle(2, 3L, parents)).isTrue();
        assertThat(UserRules.makesCycle(3, 4L, parents)).isFalse();
        assertThat(UserRules.makesCycle(3, null, parents)).isFalse();
        assertThat(UserRules.makesCycle(4, 3L, parents)).isFalse();
    }

    @Test
    void pathsJoinLevelsWithBars() {
        Map<Long, Long> parents = new HashMap<>(Map.of(2L, 1L, 3L, 2L));
        parents.put(1L, null);
        Map<Long, String> names = Map.of(1L, "Activities", 2L, "Outdoor", 3L, "Swimming");
        assertThat(UserRules.path(3, parents, names)).isEqualTo("Activities|Outdoor|Swimming");
        assertThat(UserRules.path(1, parents, names)).isEqualTo("Activities");
    }
}
