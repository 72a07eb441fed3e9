package org.ream.central.sites;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Field rules of a site (6.14) that need no database; each problem is reported under its field's name. */
public final class SiteRules {

    static final int MAX_NAME = 255;
    static final int MAX_DESCRIPTION = 1000;
    static final int MAX_RANGES = 1000;

    private SiteRules() {
    }

    /** What a site sends when it registers: its name as typed on the site, its address and port. */
    public static Map<String, String> checkRegistration(String name, String address, Integer port) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            errors.put("name", "is required");
        } else if (name.length() > MAX_NAME) {
            errors.put("name", "is longer than " + MAX_NAME + " characters");
        } else if (!name.equals(name.strip()) || name.chars().anyMatch(Character::isISOControl)) {
            errors.put("name", "must not start or end with spaces or contain control characters");
        }
        if (address == null || address.isBlank()) {
            errors.put("address", "is required");
        } else if (address.length() > MAX_NAME || !address.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
            errors.put("address", "'" + address + "' is not a host name or an IP address");
        }
        if (port == null) {
            errors.put("port", "is required");
        } else if (port < 1 || port > 65535) {
            errors.put("port", "must be between 1 and 65535");
        }
        return errors;
    }

    /** The editable fields of the site panel: description and the client tab's ranges and exclusions. */
    public static Map<String, String> checkSettings(String description, List<String> clientRanges, List<String> excludedRanges) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.put("description", "is longer than " + MAX_DESCRIPTION + " characters");
        }
        rangesProblem(clientRanges).ifPresent(p -> errors.put("clientRanges", p));
        rangesProblem(excludedRanges).ifPresent(p -> errors.put("excludedRanges", p));
        return errors;
    }

    /** The ranges as typed, stripped; call after {@link #checkSettings} found them valid. */
    public static List<String> normalise(List<String> ranges) {
        List<String> out = new ArrayList<>();
        if (ranges != null) {
            for (String r : ranges) {
                out.add(IpRange.parse(r).text());
            }
        }
        return out;
    }

    private static java.util.Optional<String> rangesProblem(List<String> ranges) {
        if (ranges == null) {
            return java.util.Optional.empty();
        }
        if (ranges.size() > MAX_RANGES) {
            return java.util.Optional.of("at most " + MAX_RANGES + " ranges");
        }
        Set<String> seen = new HashSet<>();
        for (String r : ranges) {
            try {
                IpRange parsed = IpRange.parse(r);
                if (!seen.add(parsed.first() + "-" + parsed.last() + parsed.v6())) {
                    return java.util.Optional.of("'" + parsed.text() + "' is listed twice");
                }
            } catch (IllegalArgumentException e) {
                return java.util.Optional.of(e.getMessage());
            }
        }
        return java.util.Optional.empty();
    }
}
