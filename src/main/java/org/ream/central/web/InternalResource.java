package org.ream.central.web;

import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.ream.central.platform.CliToken;
import org.ream.central.security.Actor;
import org.ream.central.security.Public;
import org.ream.central.security.UserAccounts;

/**
 * What ./ream asks a running server: loopback only, and only with the token the server
 * wrote into the data folder (readable by the account that runs it, as a root shell is).
 */
@Path("/api/internal")
@Public
@Produces(MediaType.APPLICATION_JSON)
public class InternalResource {

    @Inject
    CliToken token;

    @Inject
    UserAccounts accounts;

    @Context
    HttpServerRequest request;

    @POST
    @Path("/admin-unlock")
    public Response adminUnlock(@HeaderParam("X-Ream-Cli-Token") String presented) {
        if (!allowed(presented)) {
            return ApiErrors.json(Response.Status.FORBIDDEN, Map.of("error", "Only ./ream on the server's machine may do this"));
        }
        boolean changed = accounts.unlockAdmin(new Actor(0, "*cli", "Command line"));
        return Response.ok(Map.of("message", changed ? "*admin unlocked." : "*admin was not locked.")).build();
    }

    @POST
    @Path("/admin-status")
    public Response adminStatus(@HeaderParam("X-Ream-Cli-Token") String presented) {
        if (!allowed(presented)) {
            return ApiErrors.json(Response.Status.FORBIDDEN, Map.of("error", "Only ./ream on the server's machine may do this"));
        }
        return Response.ok(Map.of("message", accounts.adminLocked() ? "*admin is locked." : "*admin is not locked.")).build();
    }

    private boolean allowed(String presented) {
        try {
            String host = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
            return host != null && InetAddress.getByName(host).isLoopbackAddress() && token.matches(presented);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
