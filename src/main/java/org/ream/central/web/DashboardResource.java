package org.ream.central.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.platform.Bootstrap;
import org.ream.central.reporting.EnvironmentalImpact;
import org.ream.central.security.CurrentUser;
import org.ream.central.settings.SettingsStore;
import org.ream.central.settings.ValidationException;

/** Home dashboard (5.4): widgets' data and each user's widget layout. */
@Path("/api/dashboard")
@Produces(MediaType.APPLICATION_JSON)
public class DashboardResource {

    /** The manual's default dashboard, in order. */
    public static final List<String> DEFAULT_LAYOUT = List.of("quickSetup", "systemStatus", "totalPages", "environment", "licence");
    public static final Set<String> WIDGETS = Set.of("quickSetup", "systemStatus", "totalPages", "environment", "licence", "quickLinks",
            "dashboardMessage", "customHelp");

    public record Layout(List<String> widgets) {
    }

    @Inject
    Databases databases;

    @Inject
    Bootstrap bootstrap;

    @Inject
    SettingsStore settings;

    @Inject
    CurrentUser current;

    @Inject
    ObjectMapper json;

    private volatile Map<String, Object> cachedLogCounts;
    private volatile Instant logCountsAt = Instant.EPOCH;

    @GET
    @Path("/status")
    public Map<String, Object> status() {
        Jdbc main = databases.mainJdbc();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", main.count("SELECT COUNT(*) FROM USERS WHERE DELETED_AT IS NULL AND IS_SYSTEM = ?", false));
        out.put("printers", main.count("SELECT COUNT(*) FROM PRINTERS WHERE STATUS <> 'DELETED'"));
        out.put("sites", main.count("SELECT COUNT(*) FROM SITES WHERE ENABLED = ?", true));
        out.put("lastReplicated", main.one("SELECT MAX(LAST_REPLICATED_AT) AS LAST_REPLICATED_AT FROM SITES", rs -> Jdbc.instant(rs, "LAST_REPLICATED_AT")).orElse(null));
        out.put("uptimeHours", Duration.between(bootstrap.startedAt(), Instant.now()).toMinutes() / 60.0);
        out.put("startedAt", bootstrap.startedAt());
        out.putAll(logCounts());
        return out;
    }

    /** Warnings and errors of the last 24 hours, cached for 60 seconds as in the manual. */
    private Map<String, Object> logCounts() {
        if (cachedLogCounts == null || logCountsAt.plusSeconds(60).isBefore(Instant.now())) {
            Instant since = Instant.now().minus(Duration.ofHours(24));
            Jdbc log = databases.logJdbc();
            cachedLogCounts = Map.of(
                    "recentWarnings", log.count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE SEVERITY = 3 AND CREATED_AT >= ?", since),
                    "recentErrors", log.count("SELECT COUNT(*) FROM LOG_ENTRIES WHERE SEVERITY IN (1, 2) AND CREATED_AT >= ?", since));
            logCountsAt = Instant.now();
        }
        return cachedLogCounts;
    }

    /** Total pages of the last 30 days, one point per day (missing days are zero). */
    @GET
    @Path("/pages")
    public List<Map<String, Object>> pages() {
        LocalDate today = LocalDate.now(settings.timeZone());
        LocalDate from = today.minusDays(29);
        Map<LocalDate, long[]> byDay = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(today); d = d.plusDays(1)) {
            byDay.put(d, new long[3]);
        }
        databases.mainJdbc().query("SELECT PAGE_DAY, SUM(PRINTED), SUM(COPIED), SUM(SCANNED) FROM DAILY_PAGE_TOTALS WHERE PAGE_DAY >= ? AND PAGE_DAY <= ?"
                + " GROUP BY PAGE_DAY", rs -> {
                    long[] v = byDay.get(rs.getDate(1).toLocalDate());
                    if (v != null) {
                        v[0] = rs.getLong(2);
                        v[1] = rs.getLong(3);
                        v[2] = rs.getLong(4);
                    }
                    return null;
                }, from, today);
        List<Map<String, Object>> out = new ArrayList<>();
        byDay.forEach((d, v) -> out.add(Map.of("day", d.toString(), "printed", v[0], "copied", v[1], "scanned", v[2])));
        return out;
    }

    @GET
    @Path("/environment")
    public Map<String, Object> environment() {
        LocalDate today = LocalDate.now(settings.timeZone());
        long sheets = databases.mainJdbc().count("SELECT COALESCE(SUM(SHEETS), 0) FROM DAILY_PAGE_TOTALS WHERE PAGE_DAY >= ?", today.minusDays(29));
        EnvironmentalImpact impact = EnvironmentalImpact.ofSheets(sheets);
        return Map.of("sheets", sheets, "trees", impact.trees(), "co2Kg", impact.co2Kg(), "energyKWh", impact.energyKWh(), "periodDays", 30);
    }

    @GET
    @Path("/quick-setup")
    public Map<String, Object> quickSetup() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("licence", false);
        out.put("adminEmail", !settings.get("general.adminEmail").isBlank());
        out.put("communicationPassword", !settings.get("security.communicationPassword").isBlank());
        out.put("smtp", !settings.get("smtp.host").isBlank());
        out.put("users", databases.mainJdbc().count("SELECT COUNT(*) FROM USERS WHERE IS_SYSTEM = ?", false) > 0);
        return out;
    }

    @GET
    @Path("/licence")
    public Map<String, Object> licence() {
        return Map.of("installed", false, "message", "No licence installed yet.");
    }

    @GET
    @Path("/layout")
    public Layout layout() {
        return databases.mainJdbc().one("SELECT LAYOUT FROM UI_LAYOUTS WHERE USER_ID = ? AND VIEW_NAME = 'dashboard'",
                rs -> rs.getString(1), current.get().userId()).map(this::parse).orElse(new Layout(DEFAULT_LAYOUT));
    }

    @PUT
    @Path("/layout")
    public Layout saveLayout(Layout layout) {
        if (layout == null || layout.widgets() == null) {
            throw new ValidationException("widgets", "is required");
        }
        for (String w : layout.widgets()) {
            if (!WIDGETS.contains(w)) {
                throw new ValidationException("widgets", "unknown widget '" + w + "'");
            }
        }
        List<String> unique = layout.widgets().stream().distinct().toList();
        String text;
        try {
            text = json.writeValueAsString(unique);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long userId = current.get().userId();
        databases.mainJdbc().inTransaction(c -> {
            if (Jdbc.update(c, "UPDATE UI_LAYOUTS SET LAYOUT = ? WHERE USER_ID = ? AND VIEW_NAME = 'dashboard'", text, userId) == 0) {
                Jdbc.update(c, "INSERT INTO UI_LAYOUTS (USER_ID, VIEW_NAME, LAYOUT) VALUES (?, 'dashboard', ?)", userId, text);
            }
            return null;
        });
        return new Layout(unique);
    }

    /** "Default layout" in the Tools menu. */
    @DELETE
    @Path("/layout")
    public Layout resetLayout() {
        databases.mainJdbc().update("DELETE FROM UI_LAYOUTS WHERE USER_ID = ? AND VIEW_NAME = 'dashboard'", current.get().userId());
        return new Layout(DEFAULT_LAYOUT);
    }

    private Layout parse(String text) {
        try {
            return new Layout(List.of(json.readValue(text, String[].class)));
        } catch (JsonProcessingException e) {
            return new Layout(DEFAULT_LAYOUT);
        }
    }
}
