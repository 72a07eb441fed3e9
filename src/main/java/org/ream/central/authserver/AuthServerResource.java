package org.ream.central.authserver;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.ValidationException;

/**
 * Settings > Authentication servers (manual 6.6): LDAP, RADIUS and Azure AD servers, with the
 * Test button. Secrets are write-only: never returned, kept when an edit leaves them out.
 */
@Path("/api/auth-servers")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RequiresRight(Right.MANAGE_SETTINGS)
public class AuthServerResource {

    /** Add or edit: kind only on add; config holds the kind's fields (secrets optional on edit). */
    public record ServerRequest(String kind, String name, Map<String, Object> config) {
    }

    public record RenameRequest(String name) {
    }

    /** The Test button: saved settings, or unsaved ones (id, if given, supplies secrets left out); optional user to try. */
    public record TestRequest(Long id, String kind, String name, Map<String, Object> config, String username, String password) {
    }

    @Inject
    AuthServers servers;

    @Inject
    ServerAuthenticator authenticator;

    @Inject
    MicrosoftSignIn microsoft;

    @Inject
    CurrentUser current;

    /**
     * The servers with their settings; who manages users without the settings right gets only
     * id, kind and name, enough for the user panel's "Authentication server" choice.
     */
    @GET
    @RequiresRight({Right.MANAGE_SETTINGS, Right.MANAGE_USERS})
    public List<Map<String, Object>> list() {
        return current.get().has(Right.MANAGE_SETTINGS) ? servers.list() : servers.names();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        return servers.view(servers.find(id).orElseThrow(() -> new NotFoundException("No authentication server " + id)));
    }

    @POST
    public Response add(ServerRequest body) {
        if (body == null) {
            throw new ValidationException("kind", "is required");
        }
        AuthServers.Server s = servers.create(body.kind(), body.name(), body.config(), current.actor());
        return Response.status(Response.Status.CREATED).entity(servers.view(s)).build();
    }

    @PUT
    @Path("/{id}")
    public Map<String, Object> edit(@PathParam("id") long id, ServerRequest body) {
        if (body == null) {
            throw new ValidationException("config", "is required");
        }
        AuthServers.Server s = servers.update(id, body.kind(), body.name(), body.config(), current.actor());
        microsoft.forget(id);
        return servers.view(s);
    }

    @POST
    @Path("/{id}/rename")
    public Map<String, Object> rename(@PathParam("id") long id, RenameRequest body) {
        AuthServers.Server s = servers.update(id, null, body == null || body.name() == null ? "" : body.name(), null, current.actor());
        return servers.view(s);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        servers.delete(id, current.actor());
        microsoft.forget(id);
        return Response.noContent().build();
    }

    /** Test of a saved server: its settings as saved, or as being edited when the body carries them (secrets left out are the saved ones). */
    @POST
    @Path("/{id}/test")
    public Map<String, Object> testSaved(@PathParam("id") long id, TestRequest body) {
        AuthServers.Server s = body != null && body.config() != null ? servers.prepare(id, body.kind(), body.name(), body.config())
                : servers.find(id).orElseThrow(() -> new NotFoundException("No authentication server " + id));
        return ServerAuthenticator.report(authenticator.test(s, body == null ? null : body.username(), body == null ? null : body.password(), microsoft));
    }

    @POST
    @Path("/test")
    public Map<String, Object> testUnsaved(TestRequest body) {
        if (body == null) {
            throw new ValidationException("kind", "is required");
        }
        AuthServers.Server s = servers.prepare(body.id(), body.kind(), body.name() == null ? "unsaved" : body.name(), body.config());
        return ServerAuthenticator.report(authenticator.test(s, body.username(), body.password(), microsoft));
    }
}
