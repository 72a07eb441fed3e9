package org.ream.central.sites;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * A client IP range of a site (6.14, "Client" tab): a CIDR block ({@code 10.1.0.0/16}), a
 * range ({@code 10.1.0.10-10.1.0.99}) or one address, IPv4 or IPv6. Kept as typed, checked
 * when saved.
 */
public record IpRange(String text, BigInteger first, BigInteger last, boolean v6) {

    private static final Pattern LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

    /** Parses a range; the exception's message says what is wrong, for the field's error. */
    public static IpRange parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new IllegalArgumentException("an IP range is empty");
        }
        String s = raw.strip();
        int slash = s.indexOf('/');
        int dash = s.indexOf('-');
        if (slash >= 0) {
            InetAddress a = address(s.substring(0, slash), s);
            int bits = a.getAddress().length * 8;
            int prefix;
            try {
                prefix = Integer.parseInt(s.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "': the prefix length after / is not a number");
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("'" + s + "': the prefix length must be between 0 and " + bits);
            }
            BigInteger value = new BigInteger(1, a.getAddress());
            BigInteger hostMask = BigInteger.ONE.shiftLeft(bits - prefix).subtract(BigInteger.ONE);
            if (!value.and(hostMask).equals(BigInteger.ZERO)) {
                throw new IllegalArgumentException("'" + s + "': the address has bits set after the prefix (did you mean "
                        + text(value.andNot(hostMask), bits) + "/" + prefix + "?)");
            }
            return new IpRange(s, value, value.or(hostMask), bits == 128);
        }
        if (dash >= 0) {
            InetAddress a = address(s.substring(0, dash).strip(), s);
            InetAddress b = address(s.substring(dash + 1).strip(), s);
            if (a.getAddress().length != b.getAddress().length) {
                throw new IllegalArgumentException("'" + s + "': both ends must be IPv4 or both IPv6");
            }
            BigInteger first = new BigInteger(1, a.getAddress());
            BigInteger last = new BigInteger(1, b.getAddress());
            if (first.compareTo(last) > 0) {
                throw new IllegalArgumentException("'" + s + "': the first address is after the last");
            }
            return new IpRange(s, first, last, a.getAddress().length == 16);
        }
        InetAddress a = address(s, s);
        BigInteger v = new BigInteger(1, a.getAddress());
        return new IpRange(s, v, v, a.getAddress().length == 16);
    }

    public boolean contains(String address) {
        InetAddress a = address(address, address);
        if ((a.getAddress().length == 16) != v6) {
            return false;
        }
        BigInteger v = new BigInteger(1, a.getAddress());
        return v.compareTo(first) >= 0 && v.compareTo(last) <= 0;
    }

    private static InetAddress address(String s, String whole) {
        // Only literals: InetAddress would otherwise resolve a host name through DNS.
        boolean dotted = s.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        if (s.isEmpty() || !LITERAL.matcher(s).matches() || (!s.contains(":") && !dotted)) {
            throw new IllegalArgumentException("'" + whole + "' is not an IP address, a CIDR block (10.0.0.0/8) or a range (10.0.0.1-10.0.0.99)");
        }
        if (dotted) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("'" + whole + "': " + part + " is not a number from 0 to 255");
                }
            }
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + whole + "' is not an IP address, a CIDR block (10.0.0.0/8) or a range (10.0.0.1-10.0.0.99)");
        }
    }

    private static String text(BigInteger v, int bits) {
        byte[] raw = v.toByteArray();
        byte[] b = new byte[bits / 8];
        int n = Math.min(raw.length, b.length);
        System.arraycopy(raw, raw.length - n, b, b.length - n, n);
        try {
            return InetAddress.getByAddress(b).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
