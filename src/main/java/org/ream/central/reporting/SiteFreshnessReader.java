package org.ream.central.reporting;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.replication.load.BatchStatus;
import org.ream.central.reporting.output.SiteFreshness;

/**
 * Up to when each site's data is in a report: the newest payload creation time among the site's
 * LOADED replication batches (a payload holds what the site recorded until it was made), or,
 * for batches that did not say when they were made, the newest session of the site. Null for a
 * site with nothing loaded yet, so that a stale or empty site shows in the report itself.
 */
@ApplicationScoped
public class SiteFreshnessReader {

    @Inject
    Databases databases;

    /** The given sites (central ids), or every site when none is given, by name. */
    public List<SiteFreshness> of(List<Long> siteIds) {
        StringBuilder sql = new StringBuilder("SELECT S.ID, S.NAME, MAX(B.PAYLOAD_CREATED_AT) AS CREATED_UP_TO, COUNT(B.ID) AS LOADED"
                + " FROM SITES S LEFT JOIN REPLICATION_BATCHES B ON B.SITE_ID = S.ID AND B.STATUS = ?");
        List<Object> params = new ArrayList<>();
        params.add(BatchStatus.LOADED);
        if (!siteIds.isEmpty()) {
            sql.append(" WHERE S.ID IN (").append(String.join(", ", siteIds.stream().map(id -> "?").toList())).append(')');
            params.addAll(siteIds);
        }
        sql.append(" GROUP BY S.ID, S.NAME ORDER BY S.NAME");
        record Row(long id, String name, Instant createdUpTo, long loaded) {
        }
        Jdbc jdbc = databases.mainJdbc();
        List<Row> rows = jdbc.query(sql.toString(), rs -> new Row(rs.getLong("ID"), rs.getString("NAME"), Jdbc.instant(rs, "CREATED_UP_TO"),
                rs.getLong("LOADED")), params.toArray());
        List<SiteFreshness> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Instant upTo = r.createdUpTo();
            if (upTo == null && r.loaded() > 0) {
                upTo = jdbc.one("SELECT MAX(STARTED_AT) AS NEWEST FROM USER_SESSIONS WHERE SITE_ID = ?", rs -> Jdbc.instant(rs, "NEWEST"), r.id())
                        .orElse(null);
            }
            out.add(new SiteFreshness(r.name(), upTo));
        }
        return out;
    }
}
