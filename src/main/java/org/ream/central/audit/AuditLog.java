package org.ream.central.audit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.ream.central.persistence.Databases;
import org.ream.central.persistence.Jdbc;
import org.ream.central.security.Actor;

/**
 * The audit log of the manual (5.6): every change of settings, users, groups, rights and
 * schedules, with who, when, subsystem, a description and the details. Written in the
 * same transaction as the change when the caller has one, so neither exists without the other.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    Databases databases;

    public void record(Actor actor, String subsystem, String eventType, String description, String context, String details) {
        databases.mainJdbc().inTransaction(c -> {
            record(c, actor, subsystem, eventType, description, context, details);
            return null;
        });
    }

    public void record(Connection c, Actor actor, String subsystem, String eventType, String description, String context, String details)
            throws SQLException {
        Jdbc.update(c, "INSERT INTO AUDIT_LOG (ID, CREATED_AT, USER_ID, USER_NAME, SUBSYSTEM, EVENT_TYPE, DESCRIPTION, AUDIT_CONTEXT, DETAILS)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                databases.newId(), Instant.now(), actor.userId() == 0 ? null : actor.userId(), actor.username(), subsystem, eventType,
                description, context, details);
    }
}
