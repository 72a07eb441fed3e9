package org.ream.central.settings;

import static org.ream.central.settings.SettingDef.Type.EMAIL;
import static org.ream.central.settings.SettingDef.Type.ID_LIST;
import static org.ream.central.settings.SettingDef.Type.LANGUAGE;
import static org.ream.central.settings.SettingDef.Type.MULTILINE;
import static org.ream.central.settings.SettingDef.Type.PASSWORD;
import static org.ream.central.settings.SettingDef.Type.TIMEZONE;
import static org.ream.central.settings.SettingDef.Type.URL;
import static org.ream.central.settings.SettingDef.Type.CURRENCY;

import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every settings page of the foundation (manual chapter 6) and its fields. */
public final class SettingsCatalog {

    public static final List<String> LANGUAGES = List.of("en", "fr", "de", "cs", "es");

    private static final Map<String, List<SettingDef>> SECTIONS = new LinkedHashMap<>();

    static {
        // 6.1 General
        SECTIONS.put("general", List.of(
                SettingDef.of("general.adminEmail", EMAIL, "", true),
                SettingDef.of("general.timeZone", TIMEZONE, ZoneId.systemDefault().getId(), true),
                SettingDef.of("general.defaultLanguage", LANGUAGE, "en", true),
                SettingDef.of("general.currency", CURRENCY, "", false),
                SettingDef.integer("general.decimals", 2, 0, 5),
                SettingDef.choice("general.csvDelimiter", ";", List.of(";", ",", "TAB", "|")),
                SettingDef.of("security.communicationPassword", PASSWORD, "", false),
                SettingDef.bool("privacy.jobPrivacy", false).asReadOnly()));
        // 6.9 Data replication from sites: sessions and printers always, the rest by choice
        SECTIONS.put("replication", List.of(
                SettingDef.bool("replication.printerGroups", true),
                SettingDef.bool("replication.printerEvents", true),
                SettingDef.bool("replication.priceLists", true),
                SettingDef.bool("replication.projects", true),
                SettingDef.bool("replication.jobs", true),
                SettingDef.bool("replication.tonerReplacement", true)));
        // 6.10 External reports: changed only through /api/external-reports, which changes the
        // database account first (reporting.ExternalReports); read-only for the generic form.
        SECTIONS.put("externalReports", List.of(
                SettingDef.bool("externalReports.enabled", false).asReadOnly(),
                SettingDef.of("externalReports.password", PASSWORD, "", false).asReadOnly()));
        // 6.2 Personalization (the logo is a file, handled apart)
        SECTIONS.put("personalization", List.of(
                SettingDef.of("personalization.dashboardMessage", MULTILINE, "", false),
                SettingDef.text("personalization.helpTitle", "", false),
                SettingDef.of("personalization.helpUrl", URL, "", false)));
        // 6.4.3 Outgoing SMTP server
        SECTIONS.put("smtp", List.of(
                SettingDef.text("smtp.host", "", false),
                SettingDef.integer("smtp.port", 25, 1, 65535),
                SettingDef.choice("smtp.security", "PREFER_STARTTLS", List.of("PREFER_STARTTLS", "IMPLICIT_TLS", "REQUIRE_STARTTLS")),
                SettingDef.bool("smtp.validateCertificate", true),
                SettingDef.text("smtp.user", "", false),
                SettingDef.of("smtp.password", PASSWORD, "", false),
                SettingDef.of("smtp.sender", EMAIL, "", false)));
        // 6.11 Log
        SECTIONS.put("log", List.of(
                SettingDef.bool("log.debug", false),
                SettingDef.integer("log.retentionDays", 30, 1, 3650)));
        // 6.13 System management: disk space checker and history
        SECTIONS.put("system", List.of(
                SettingDef.integer("diskspace.warningMb", 2048, 1, 10_000_000),
                SettingDef.integer("diskspace.criticalMb", 100, 1, 10_000_000),
                SettingDef.integer("history.sessionsDays", 1460, 1, 36500),
                SettingDef.integer("history.printerEventsDays", 90, 1, 36500),
                SettingDef.integer("history.reportsDays", 90, 1, 36500),
                SettingDef.integer("history.paymentSessionsHours", 24, 1, 876000),
                SettingDef.integer("history.auditDays", 180, 1, 36500)));
    }

    /** Mail texts of the user settings whose defaults are files ("revert values" restores them). */
    public static final Map<String, String> USER_MAIL_DEFAULTS = Map.of(
            "pin.mailSubject", "pin-mail-subject.txt",
            "pin.mailMessage", "pin-mail-message.txt",
            "pin.resetMailSubject", "pin-reset-mail-subject.txt",
            "pin.resetMailMessage", "pin-reset-mail-message.txt");

    /** Parameters a mail text cannot do without: a PIN mail without the PIN is of no use. */
    public static final Map<String, String> REQUIRED_PARAMETERS = Map.of(
            "pin.mailMessage", "%pin%",
            "pin.resetMailMessage", "%code%");

    static {
        // 8.8 User settings: general, PIN, temporary PINs, PIN mails, password complexity, account lockout
        SECTIONS.put("users", List.of(
                SettingDef.bool("users.profileEditing", false),
                SettingDef.bool("users.moreProfileInfo", false),
                SettingDef.bool("users.deleteAllCards", false),
                SettingDef.bool("pin.userCanChange", true),
                SettingDef.integer("pin.minLength", 4, 4, 16),
                SettingDef.bool("pin.sendByEmail", false),
                SettingDef.bool("pin.generateForNew", false),
                SettingDef.bool("pin.temporary", false),
                SettingDef.of("pin.temporaryGroups", ID_LIST, "", false),
                SettingDef.integer("pin.temporaryHours", 24, 1, 8760),
                SettingDef.text("pin.mailSubject", userMailDefault("pin.mailSubject"), true),
                SettingDef.of("pin.mailMessage", MULTILINE, userMailDefault("pin.mailMessage"), true),
                SettingDef.text("pin.resetMailSubject", userMailDefault("pin.resetMailSubject"), true),
                SettingDef.of("pin.resetMailMessage", MULTILINE, userMailDefault("pin.resetMailMessage"), true),
                SettingDef.integer("password.minLength", 8, 1, 100),
                SettingDef.integer("password.rules", 2, 0, 4),
                SettingDef.integer("lockout.attempts", 5, 0, 100),
                SettingDef.integer("lockout.minutes", 15, 1, 10080)));
    }

    /** Default text of a user-settings mail field, from resources/templates/user-settings. */
    public static String userMailDefault(String key) {
        String file = USER_MAIL_DEFAULTS.get(key);
        if (file == null) {
            throw new IllegalArgumentException(key + " is not a mail text of the user settings");
        }
        String path = "ream/templates/user-settings/" + file;
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        java.io.InputStream in = cl == null ? null : cl.getResourceAsStream(path);
        if (in == null) {
            in = SettingsCatalog.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalStateException("Missing resource " + path);
        }
        try (java.io.InputStream s = in) {
            return new String(s.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SettingsCatalog() {
    }

    public static Map<String, List<SettingDef>> sections() {
        return SECTIONS;
    }

    public static Optional<List<SettingDef>> section(String name) {
        return Optional.ofNullable(SECTIONS.get(name));
    }

    public static Optional<SettingDef> def(String key) {
        return SECTIONS.values().stream().flatMap(List::stream).filter(d -> d.key().equals(key)).findFirst();
    }
}
