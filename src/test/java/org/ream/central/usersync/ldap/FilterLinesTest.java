package org.ream.central.usersync.ldap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Filter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterLinesTest {

    static LdapEntry person(String cn, String givenName) {
        return LdapEntry.of("CN=" + cn + ",OU=test,DC=testAD,DC=local", Map.of("cn", List.of(cn), "givenName", List.of(givenName)));
    }

    static final LdapEntry DICKENS = person("Charles Dickens", "Charles");
    static final LdapEntry REMBRANDT = person("Rembrandt van Rijn", "Rembrandt");
    static final LdapEntry VAN_GOGH = person("Vincent Van Gogh", "Vincent");
    static final LdapEntry MONET = person("Claude Monet", "Claude");
    static final LdapEntry CURIE = person("Marie Curie", "Marie");

    /** The manual's example (8.7.2): its screenshot spells the first attribute "givename"; the directory's attribute is givenName. */
    @Test
    void manualsExampleAcceptsDickensAndTheTwoVans() {
        FilterLines f = FilterLines.parse("filter", "givenName=Charles\ncn=*van*");
        assertThat(List.of(DICKENS, REMBRANDT, VAN_GOGH, MONET, CURIE)).filteredOn(f::matches).containsExactly(DICKENS, REMBRANDT, VAN_GOGH);
    }

    @Test
    void manualsExampleAsAServerFilter() throws Exception {
        FilterLines f = FilterLines.parse("filter", "givenName=Charles\r\n\r\ncn=*van*\n");
        assertThat(f.lines()).containsExactly("givenName=Charles", "cn=*van*");
        assertThat(f.toFilter().orElseThrow().toString()).isEqualTo("(|(givenName=Charles)(cn=*van*))");
        assertThat(f.and(Filter.create("(objectClass=user)")).toString()).isEqualTo("(&(objectClass=user)(|(givenName=Charles)(cn=*van*)))");
    }

    @Test
    void wildcardsOnEitherSide() {
        assertThat(FilterLines.parse("filter", "cn=*en*").matches(DICKENS)).isTrue();
        assertThat(FilterLines.parse("filter", "cn=Claude*").matches(MONET)).isTrue();
        assertThat(FilterLines.parse("filter", "cn=*Monet").matches(MONET)).isTrue();
        assertThat(FilterLines.parse("filter", "cn=*Claude").matches(MONET)).isFalse();
        assertThat(FilterLines.parse("filter", "cn=C*e*M*t").matches(MONET)).isTrue();
        assertThat(FilterLines.parse("filter", "cn=C*e*M*t").toFilter().orElseThrow()).hasToString("(cn=C*e*M*t)");
    }

    @Test
    void onlyAStarMeansTheAttributeIsPresent() {
        FilterLines f = FilterLines.parse("filter", "mail=*");
        assertThat(f.toFilter().orElseThrow()).hasToString("(mail=*)");
        assertThat(f.matches(MONET)).isFalse();
        assertThat(f.matches(LdapEntry.of("cn=x", Map.of("mail", List.of("x@y"))))).isTrue();
    }

    @Test
    void exactValueWithoutCaseAndAttributeNameWithoutCase() {
        assertThat(FilterLines.parse("filter", "GIVENNAME=charles").matches(DICKENS)).isTrue();
        assertThat(FilterLines.parse("filter", "givenName=Charl").matches(DICKENS)).isFalse();
    }

    @Test
    void specialCharactersAreEscapedForTheServer() {
        FilterLines f = FilterLines.parse("filter", "cn=*(test)\\x*");
        assertThat(f.toFilter().orElseThrow()).hasToString("(cn=*\\28test\\29\\5cx*)");
        assertThat(f.matches(person("a (test)\\x b", "a"))).isTrue();
    }

    @Test
    void noLinesAcceptEverything() {
        assertThat(FilterLines.parse("filter", " \n ").isEmpty()).isTrue();
        assertThat(FilterLines.none().matches(CURIE)).isTrue();
        assertThat(FilterLines.none().toFilter()).isEmpty();
    }

    @Test
    void malformedLinesAreRefusedNamingTheLine() {
        assertThatThrownBy(() -> FilterLines.parse("filter", "givenName=Charles\ncn*van*")).isInstanceOf(InvalidLdapSyncSettings.class)
                .hasMessage("filter: line 2 'cn*van*': expected attribute=value");
        assertThatThrownBy(() -> FilterLines.parse("groupFilter", "=Charles")).hasMessage("groupFilter: line 1 '=Charles': '' is not an attribute name");
        assertThatThrownBy(() -> FilterLines.parse("filter", "(cn=*van*)")).hasMessageContaining("line 1 '(cn=*van*)'");
        assertThatThrownBy(() -> FilterLines.parse("filter", "x\ncn=")).hasMessageContaining("line 1 'x'");
        assertThatThrownBy(() -> FilterLines.parse("filter", "cn=")).hasMessage("filter: line 1 'cn=': no value after '='");
    }
}
