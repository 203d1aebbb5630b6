package org.hotline.bridge.agi;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgiSourcesTest {

    private static InetSocketAddress peer(String address) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(address), 40000);
    }

    @Test
    void addressesAndBlocksLetTheirPeersInAndNobodyElse() throws Exception {
        AgiSources sources = AgiSources.of(List.of("10.0.0.5", "192.168.10.0/24", "fd00::/8"));
        assertThat(sources.allows(peer("10.0.0.5"))).isTrue();
        assertThat(sources.allows(peer("10.0.0.6"))).isFalse();
        assertThat(sources.allows(peer("192.168.10.77"))).isTrue();
        assertThat(sources.allows(peer("192.168.11.1"))).isFalse();
        assertThat(sources.allows(peer("fd12::1"))).isTrue();
        assertThat(sources.allows(peer("127.0.0.1"))).isFalse();
    }

    @Test
    void anIpv4PeerThroughADualStackSocketIsItsIpv4Address() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 0, 0, 5};
        InetSocketAddress viaIpv6 = new InetSocketAddress(java.net.Inet6Address.getByAddress(null, mapped, -1), 40000);
        assertThat(AgiSources.of(List.of("10.0.0.5")).allows(viaIpv6)).isTrue();
        assertThat(AgiSources.loopback().allows(peer("::1"))).isTrue();
    }

    @Test
    void hostNamesAndBadBlocksAreRefused() {
        for (String bad : List.of("pbx.example", "10.0.0", "10.0.0.0/33", "::1/129", "10.0.0.0/-1")) {
            assertThatThrownBy(() -> AgiSources.of(List.of(bad))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
        }
    }
}
