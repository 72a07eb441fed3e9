package org.ream.central.sitesim;

import java.time.LocalDate;
import java.util.List;

/**
 * What one simulated site holds: its name and place among the simulated sites, the seed, how many
 * printers and users it has and how many days of activity it recorded from {@code firstDay} (UTC).
 * Users are named by {@code userPattern} (a {@link String#format} pattern with one integer, e.g.
 * {@code user%05d}) over numbers 1..{@code centralUsers}, unless {@code userNames} is given (the
 * names pulled from the central server).
 */
public record SiteSpec(int index, String name, long seed, int printers, int users, int days, LocalDate firstDay,
        double sessionsPerUser, String userPattern, int centralUsers, List<String> userNames) {

    public SiteSpec {
        if (printers < 1 || users < 1 || days < 0) {
            throw new IllegalArgumentException("a site needs at least one printer and one user, and days >= 0");
        }
        if (sessionsPerUser < 0) {
            throw new IllegalArgumentException("sessionsPerUser must be >= 0");
        }
        userNames = userNames == null ? null : List.copyOf(userNames);
    }

    /** A site with the defaults of the command line (4 sessions per user and working day, users user00001...). */
    public static SiteSpec of(int index, long seed, int printers, int users, int days) {
        return new SiteSpec(index, siteName(index), seed, printers, users, days, LocalDate.of(2026, 11, 2), 4.0,
                "user%05d", 0, null);
    }

    public static String siteName(int index) {
        return String.format("Site-%03d", index + 1);
    }

    public SiteSpec withUserNames(List<String> names) {
        return new SiteSpec(index, name, seed, printers, names.size(), days, firstDay, sessionsPerUser, userPattern,
                centralUsers, names);
    }
}
