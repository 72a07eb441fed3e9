package org.ream.central.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpRangeTest {

    @Test
    void cidrRangesAndSingleAddresses() {
        assertThat(IpRange.parse("10.1.0.0/16").contains("10.1.255.3")).isTrue();
        assertThat(IpRange.parse("10.1.0.0/16").contains("10.2.0.1")).isFalse();
        assertThat(IpRange.parse(" 192.168.1.10 - 192.168.1.99 ").contains("192.168.1.50")).isTrue();
        assertThat(IpRange.parse("192.168.1.10-192.168.1.99").contains("192.168.1.100")).isFalse();
        assertThat(IpRange.parse("172.16.0.5").contains("172.16.0.5")).isTrue();
        assertThat(IpRange.parse("2001:db8::/32").contains("2001:db8:1::1")).isTrue();
        assertThat(IpRange.parse("2001:db8::/32").contains("10.0.0.1")).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    }

    @Test
    void badRangesSayWhatIsWrong() {
        assertThatThrownBy(() -> IpRange.parse("10.1.0.1/16")).hasMessageContaining("did you mean 10.1.0.0/16");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.0/33")).hasMessageContaining("between 0 and 32");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.9-10.0.0.1")).hasMessageContaining("after the last");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.256")).hasMessageContaining("256");
        assertThatThrownBy(() -> IpRange.parse("printers.example.org")).hasMessageContaining("not an IP address");
        assertThatThrownBy(() -> IpRange.parse("10.0.0.1-2001:db8::1")).hasMessageContaining("both ends");
        assertThatThrownBy(() -> IpRange.parse("10.0.0")).hasMessageContaining("not an IP address");
    }

    @Test
    void siteSettingsNameTheFieldInError() {
        assertThat(SiteRules.checkSettings("ok", List.of("10.0.0.0/8"), List.of("10.0.0.1-10.0.0.9"))).isEmpty();
        assertThat(SiteRules.checkSettings("x".repeat(1001), List.of("10.0.0.0/8", "10.0.0.0/8"), List.of("nope")))
                .containsOnlyKeys("description", "clientRanges", "excludedRanges")
                .hasEntrySatisfying("clientRanges", m -> assertThat(m).contains("twice"));
        assertThat(SiteRules.checkRegistration(" Prague", "site.example.org", 70000)).containsOnlyKeys("name", "port");
        assertThat(SiteRules.checkRegistration("Prague", "bad address!", 8093)).containsOnlyKeys("address");
    }

    @Test
    void statusMapping() {
        assertThat(SiteStatus.of(200, "1")).isEqualTo(SiteStatus.READY);
        assertThat(SiteStatus.of(200, "0\n")).isEqualTo(SiteStatus.ERROR);
        assertThat(SiteStatus.of(404, "")).isEqualTo(SiteStatus.UNKNOWN);
        assertThat(SiteStatus.of(503, "")).isEqualTo(SiteStatus.ERROR);
    }
}
