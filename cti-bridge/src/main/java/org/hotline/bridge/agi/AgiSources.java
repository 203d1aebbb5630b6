package org.hotline.bridge.agi;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may open a FastAGI session: addresses and CIDR blocks ({@code 10.0.0.5},
 * {@code 10.0.0.0/24}, {@code ::1}); matched with Netty's {@link IpSubnetFilterRule}. Anyone
 * else is refused before a byte is read.
 */
public final class AgiSources {

    private final List<String> written;
    private final List<IpSubnetFilterRule> rules;

    private AgiSources(List<String> written, List<IpSubnetFilterRule> rules) {
        this.written = List.copyOf(written);
        this.rules = List.copyOf(rules);
    }

    /** Loopback only (127.0.0.0/8 and ::1): an Asterisk on the same machine. */
    public static AgiSources loopback() {
        return of(List.of("127.0.0.0/8", "::1"));
    }

    /**
     * The sources written as addresses or CIDR blocks; {@link IllegalArgumentException} naming
     * the entry that is neither (a host name is not taken: it would be resolved once, silently).
     */
    public static AgiSources of(List<String> entries) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.strip();
            int slash = trimmed.indexOf('/');
            String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
            if (!address.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
                throw new IllegalArgumentException("'" + trimmed + "' is not an IP address or CIDR block (like 10.0.0.5 or 10.0.0.0/24)");
            }
            InetAddress parsed;
            try {
                parsed = InetAddress.getByName(address); // a literal: no lookup
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("'" + trimmed + "' is not an IP address or CIDR block (like 10.0.0.5 or 10.0.0.0/24)");
            }
            int full = parsed.getAddress().length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? full : Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > full) {
                throw new IllegalArgumentException("'" + trimmed + "': the prefix length must be 0 to " + full);
            }
            rules.add(new IpSubnetFilterRule(parsed, prefix, IpFilterRuleType.ACCEPT));
        }
        return new AgiSources(entries.stream().map(String::strip).toList(), rules);
    }

    /** The addresses of these hosts (names are looked up now), for the default: the configured Asterisk servers. */
    public static AgiSources hosts(List<String> hosts) throws UnknownHostException {
        List<String> addresses = new ArrayList<>();
        for (String host : hosts) {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                addresses.add(address.getHostAddress());
            }
        }
        return of(addresses);
    }

    public boolean allows(InetSocketAddress peer) {
        peer = unmapped(peer);
        for (IpSubnetFilterRule rule : rules) {
            if (rule.matches(peer)) {
                return true;
            }
        }
        return false;
    }

    /** An IPv4 peer seen through a dual-stack socket (::ffff:10.0.0.5) as the IPv4 address it is. */
    private static InetSocketAddress unmapped(InetSocketAddress peer) {
        byte[] raw = peer.getAddress() == null ? null : peer.getAddress().getAddress();
        if (raw != null && raw.length == 16 && java.util.Arrays.equals(java.util.Arrays.copyOf(raw, 12),
                new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff})) {
            try {
                return new InetSocketAddress(InetAddress.getByAddress(java.util.Arrays.copyOfRange(raw, 12, 16)), peer.getPort());
            } catch (UnknownHostException e) {
                return peer; // four bytes are always an address
            }
        }
        return peer;
    }

    @Override
    public String toString() {
        return String.join(", ", written);
    }
}
