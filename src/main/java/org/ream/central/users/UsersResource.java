package org.ream.central.users;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ream.central.export.ExportFileName;
import org.ream.central.export.ExportGate;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;
import org.ream.central.settings.SettingsStore;

/** The Users main tab (8.1-8.4, 8.6): list with views and search, the user panel, delete, cards, delegates, export. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.MANAGE_USERS)
public class UsersResource {

    @Inject
    org.ream.central.pins.Pins pins;

    @Inject
    UserQueries queries;

    @Inject
    UserDirectory directory;

    @Inject
    UserExport export;

    @Inject
    GroupDirectory groups;

    @Inject
    SettingsStore settings;

    @Inject
    CurrentUser current;

    @Inject
    org.ream.central.audit.AuditLog audit;

    public record CardInput(String card) {
    }

    public record DelegatesInput(List<Long> users, List<Long> groups) {
    }

    /**
     * A page of users, ordered by user name. {@code after} is the {@code next} of the previous page;
     * {@code count=true} adds the number of matching users.
     */
    @GET
    public Map<String, Object> list(@QueryParam("view") String view, @QueryParam("q") String q, @QueryParam("group") Long group,
            @QueryParam("after") String after, @QueryParam("limit") @DefaultValue("100") int limit, @QueryParam("count") boolean count) {
        if (limit < 1 || limit > UserQueries.MAX_PAGE) {
            throw new org.ream.central.settings.ValidationException("limit", "must be between 1 and " + UserQueries.MAX_PAGE);
        }
        if (q != null && q.length() > 255) {
            throw new org.ream.central.settings.ValidationException("q", "is longer than 255 characters");
        }
        UserQueries.Page page = queries.list(UserView.parse(view), q, group, after, limit, count);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("users", page.users().stream().map(UserQueries::json).toList());
        out.put("next", page.next());
        if (page.total() != null) {
            out.put("total", page.total());
        }
        return out;
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        return directory.detail(id);
    }

    @POST
    public Response create(UserInput input) {
        long id = directory.create(input, current.actor());
        // "Generate PIN for users created manually" (8.8): mailed to users with an email when the setting is on.
        pins.generateForNewUser(id, current.actor());
        return Response.status(Response.Status.CREATED).entity(directory.detail(id)).build();
    }

    @PUT
    @Path("/{id}")
    public Map<String, Object> update(@PathParam("id") long id, UserInput input) {
        directory.update(id, input, current.actor());
        return directory.detail(id);
    }

    /** Soft delete (8.3). */
    @DELETE
    @Path("/{id}")
    public Map<String, Object> delete(@PathParam("id") long id) {
        directory.delete(id, current.actor());
        return directory.detail(id);
    }

    @POST
    @Path("/{id}/undelete")
    public Map<String, Object> undelete(@PathParam("id") long id) {
        directory.undelete(id, current.actor());
        return directory.detail(id);
    }

    public record PasswordInput(String password) {
    }

    /** Sets the user's password; their sessions end. */
    @POST
    @Path("/{id}/password")
    public Response setPassword(@PathParam("id") long id, PasswordInput input) {
        accounts.setPassword(id, input == null ? null : input.password(), current.get());
        sessions.closeAll(id);
        return Response.noContent().build();
    }

    @Inject
    org.ream.central.security.UserAccounts accounts;

    @Inject
    org.ream.central.security.WebSessions sessions;

    @POST
    @Path("/{id}/lock")
    public Map<String, Object> lock(@PathParam("id") long id) {
        directory.lock(id, true, current.actor());
        return directory.detail(id);
    }

    @POST
    @Path("/{id}/unlock")
    public Map<String, Object> unlock(@PathParam("id") long id) {
        directory.lock(id, false, current.actor());
        return directory.detail(id);
    }

    @POST
    @Path("/{id}/cards")
    public Map<String, Object> addCard(@PathParam("id") long id, CardInput input) {
        directory.addCard(id, input == null ? null : input.card(), current.actor());
        return directory.detail(id);
    }

    /** The "delete cards" right (8.9) lets a user remove their own cards; managing users, anyone's. */
    @DELETE
    @Path("/{id}/cards/{card}")
    @RequiresRight({Right.MANAGE_USERS, Right.DELETE_CARDS})
    public Response removeCard(@PathParam("id") long id, @PathParam("card") String card) {
        if (!current.get().has(Right.MANAGE_USERS) && current.get().userId() != id) {
            throw new ForbiddenException("The right to delete cards covers your own cards only");
        }
        if (!directory.removeCard(id, card, current.actor())) {
            throw new NotFoundException("The user has no card " + card);
        }
        return Response.noContent().build();
    }

    @PUT
    @Path("/{id}/delegates")
    public Map<String, Object> delegates(@PathParam("id") long id, DelegatesInput input) {
        directory.setDelegates(id, input == null ? null : input.users(), input == null ? null : input.groups(), current.actor());
        return directory.detail(id);
    }

    /** Export (8.6): all users or the members of one group, in the CSV sync syntax (8.7.4). */
    @GET
    @Path("/export")
    @Produces("text/csv")
    public Response export(@QueryParam("group") Long group) {
        String scope = group == null ? "all" : String.valueOf(groups.detail(group).get("path"));
        String delimiter = settings.get("general.csvDelimiter");
        ZonedDateTime now = ZonedDateTime.now(settings.timeZone());
        StreamingOutput body = out -> ExportGate.SHARED.run(() -> export.write(out, group, delimiter));
        // Who took a copy of the directory, and which part: personal data leaving the server.
        audit.record(current.actor(), UserDirectory.AUDIT, "USERS_EXPORTED",
                group == null ? "All users were exported." : "Members of group " + scope + " were exported.", scope, null);
        String name = "users_" + DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").format(now) + ".csv";
        return Response.ok(body, "text/csv; charset=UTF-8").header("Content-Disposition", ExportFileName.attachment(name)).build();
    }
}
