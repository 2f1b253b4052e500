package dev.faultline.proxy.core;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP address literals without ever asking DNS. */
public final class IpLiterals {
    private IpLiterals() {
    }

    /** The address written by {@code text}, or {@code null} when it is not an IPv4 or IPv6 literal. */
    public static InetAddress parse(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') >= 0) {
            String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
            for (int i = 0; i < literal.length(); i++) {
                char c = literal.charAt(i);
                boolean ok = c == ':' || c == '.' || c == '%' || Character.digit(c, 16) >= 0;
                if (!ok) {
                    return null;
                }
            }
            try {
                // A string with ':' is only ever taken as an IPv6 literal, never looked up.
                return InetAddress.getByName(literal);
            } catch (UnknownHostException e) {
                return null;
            }
        }
        byte[] bytes = parseIpv4(text);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 bytes are always a valid IPv4 address", e);
        }
    }

    private static byte[] parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3) {
                return null;
            }
            int value = 0;
            for (int k = 0; k < part.length(); k++) {
                char c = part.charAt(k);
                if (c < '0' || c > '9') {
                    return null;
                }
                value = value * 10 + (c - '0');
            }
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }
}
