package org.ream.central.usersync.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PropertyMappingTest {

    @Test
    void singleValuedPropertiesTakeTheFirstValueMultiValuedOnesAll() {
        PropertyMapping m = PropertyMapping.parse(Map.of(UserProperty.USER_NAME, "uid", UserProperty.CARDS, "cardNumber", UserProperty.EMAIL,
                "mail"));
        LdapEntry e = LdapEntry.of("uid=carol,ou=people,dc=x", Map.of("uid", List.of("carol"), "cardnumber", List.of("AB12", "CD34"), "MAIL",
                List.of("carol@x", "c@x")));
        assertThat(m.values(UserProperty.CARDS, e)).containsExactly("AB12", "CD34");
        assertThat(m.value(UserProperty.EMAIL, e)).isEqualTo("carol@x");
        assertThat(m.values(UserProperty.EMAIL, e)).containsExactly("carol@x");
        assertThat(m.value(UserProperty.PHONE, e)).isNull();
        assertThat(m.attributes()).containsExactlyInAnyOrder("uid", "cardNumber", "mail");
    }

    @Test
    void blankSettingsLeaveThePropertyUnmapped() {
        Map<UserProperty, String> s = new EnumMap<>(UserProperty.class);
        s.put(UserProperty.USER_NAME, "sAMAccountName");
        s.put(UserProperty.PIN, " ");
        s.put(UserProperty.PHONE, null);
        PropertyMapping m = PropertyMapping.parse(s);
        assertThat(m.template(UserProperty.PIN)).isEmpty();
        assertThat(m.template(UserProperty.PHONE)).isEmpty();
    }

    @Test
    void userNameMustBeMapped() {
        assertThatThrownBy(() -> PropertyMapping.parse(Map.of(UserProperty.FULL_NAME, "cn"))).isInstanceOf(InvalidLdapSyncSettings.class)
                .extracting(e -> ((InvalidLdapSyncSettings) e).field()).isEqualTo("userName");
    }

    @Test
    void malformedTemplateNamesItsProperty() {
        assertThatThrownBy(() -> PropertyMapping.parse(Map.of(UserProperty.USER_NAME, "uid", UserProperty.USER_STORAGE, "\\\\srv\\%uid")))
                .isInstanceOf(InvalidLdapSyncSettings.class).extracting(e -> ((InvalidLdapSyncSettings) e).field()).isEqualTo("userStorage");
    }

    @Test
    void defaultsOfTheUsualDirectories() {
        assertThat(PropertyMapping.activeDirectory().template(UserProperty.USER_NAME).orElseThrow()).hasToString("sAMAccountName");
        assertThat(PropertyMapping.activeDirectory().template(UserProperty.FULL_NAME).orElseThrow()).hasToString("cn");
        assertThat(PropertyMapping.openLdap().template(UserProperty.USER_NAME).orElseThrow()).hasToString("uid");
    }
}
