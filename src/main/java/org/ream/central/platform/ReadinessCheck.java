package org.ream.central.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.ream.central.messaging.Broker;
import org.ream.central.persistence.Databases;

/** Ready once the start-up finished and both databases answer (GET /q/health/ready). */
@Readiness
@ApplicationScoped
public class ReadinessCheck implements HealthCheck {

    @Inject
    Bootstrap bootstrap;

    @Inject
    Databases databases;

    @Inject
    Broker broker;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("ream-central");
        if (!bootstrap.isUp()) {
            return b.down().withData("state", "starting").build();
        }
        b.withData("broker", broker.isExternal() ? broker.url() : "embedded");
        try (Connection main = databases.main().getConnection(); Connection log = databases.log().getConnection()) {
            b.withData("mainDatabase", main.isValid(2) ? "up" : "down");
            b.withData("logDatabase", log.isValid(2) ? "up" : "down");
            return main.isValid(2) && log.isValid(2) ? b.up().build() : b.down().build();
        } catch (Exception e) {
            return b.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
