package org.ream.central.usersync.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeTemplateTest {

    static final LdapEntry VAN_GOGH = LdapEntry.of("CN=Vincent Van Gogh,OU=Painters,OU=famous_people,OU=MYQ_IMPORT_TEST,DC=testAD,DC=local",
            Map.of("givenName", List.of("Vincent"), "sn", List.of("Van Gogh"), "sAMAccountName", List.of("VanGogh"), "proxyAddresses",
                    List.of("vvg", "vincent"), "department", List.of("Painting")));

    @Test
    void plainAttributeNameIsReadWithoutCase() {
        AttributeTemplate t = AttributeTemplate.parse("userName", "samaccountname");
        assertThat(t.isPlainAttribute()).isTrue();
        assertThat(t.values(VAN_GOGH)).containsExactly("VanGogh");
    }

    @Test
    void templateCombinesAttributesAndText() {
        AttributeTemplate t = AttributeTemplate.parse("fullName", "%givenName% %sn%");
        assertThat(t.isPlainAttribute()).isFalse();
        assertThat(t.attributes()).containsExactly("givenName", "sn");
        assertThat(t.values(VAN_GOGH)).containsExactly("Vincent Van Gogh");
    }

    @Test
    void multiValuedAttributeGivesEveryValue() {
        assertThat(AttributeTemplate.parse("aliases", "proxyAddresses").values(VAN_GOGH)).containsExactly("vvg", "vincent");
        assertThat(AttributeTemplate.parse("aliases", "%proxyAddresses%@x").values(VAN_GOGH)).containsExactly("vvg@x", "vincent@x");
    }

    @Test
    void missingAttributeCountsAsEmptyUnlessEveryOneIsRequired() {
        AttributeTemplate t = AttributeTemplate.parse("fullName", "%title% %sn%");
        assertThat(t.values(VAN_GOGH)).containsExactly("Van Gogh");
        assertThat(t.valuesOfCompleteEntries(VAN_GOGH)).isEmpty();
        assertThat(AttributeTemplate.parse("email", "mail").values(VAN_GOGH)).isEmpty();
    }

    @Test
    void malformedTemplatesNameTheProperty() {
        assertThatThrownBy(() -> AttributeTemplate.parse("fullName", "%givenName %sn%")).isInstanceOf(InvalidLdapSyncSettings.class)
                .hasMessageStartingWith("fullName: ").hasMessageContaining("%givenName %");
        assertThatThrownBy(() -> AttributeTemplate.parse("fullName", "%givenName% %sn")).isInstanceOf(InvalidLdapSyncSettings.class)
                .hasMessageStartingWith("fullName: ").hasMessageContaining("not closed");
        assertThatThrownBy(() -> AttributeTemplate.parse("email", "%%")).isInstanceOf(InvalidLdapSyncSettings.class)
                .hasMessageStartingWith("email: ").hasMessageContaining("empty");
        assertThatThrownBy(() -> AttributeTemplate.parse("cards", "given name")).isInstanceOf(InvalidLdapSyncSettings.class)
                .hasMessageStartingWith("cards: ").hasMessageContaining("not an attribute name");
    }
}
