package org.ream.central.users;

import jakarta.inject.Inject;
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

/** User groups (8.4.2, 8.5): the tree, members with their flags, delegates. Members are listed by GET /api/users?group=. */
@Path("/api/groups")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.MANAGE_USERS)
public class GroupsResource {

    @Inject
    GroupDirectory groups;

    @Inject
    CurrentUser current;

    /** @param accounting true: make this the user's accounting group; null keeps it (a first group always is) */
    public record MemberInput(Long userId, Boolean accounting, Boolean manager) {
    }

    /** @param members true: with the number of members of each group (slower with many users) */
    @GET
    public List<Map<String, Object>> tree(@jakarta.ws.rs.QueryParam("members") boolean members) {
        return groups.tree(members);
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        return groups.detail(id);
    }

    @POST
    public Response create(GroupInput input) {
        long id = groups.create(input, current.actor());
        return Response.status(Response.Status.CREATED).entity(groups.detail(id)).build();
    }

    @PUT
    @Path("/{id}")
    public Map<String, Object> update(@PathParam("id") long id, GroupInput input) {
        groups.update(id, input, current.actor());
        return groups.detail(id);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        groups.delete(id, current.actor());
        return Response.noContent().build();
    }

    /** The members with their accounting-group and manager flags, by user name; {@code after} is the previous page's last name. */
    @GET
    @Path("/{id}/members")
    public Map<String, Object> members(@PathParam("id") long id, @jakarta.ws.rs.QueryParam("after") String after,
            @jakarta.ws.rs.QueryParam("limit") @jakarta.ws.rs.DefaultValue("200") int limit) {
        if (limit < 1 || limit > UserQueries.MAX_PAGE) {
            throw new ValidationException("limit", "must be between 1 and " + UserQueries.MAX_PAGE);
        }
        return groups.members(id, after, limit);
    }

    @POST
    @Path("/{id}/members")
    public Map<String, Object> addMember(@PathParam("id") long id, MemberInput input) {
        if (input == null || input.userId() == null) {
            throw new ValidationException("userId", "is required");
        }
        groups.setMember(id, input.userId(), input.accounting(), input.manager(), current.actor());
        return groups.detail(id);
    }

    @PUT
    @Path("/{id}/members/{userId}")
    public Map<String, Object> setMember(@PathParam("id") long id, @PathParam("userId") long userId, MemberInput input) {
        groups.setMember(id, userId, input == null ? null : input.accounting(), input == null ? null : input.manager(), current.actor());
        return groups.detail(id);
    }

    @DELETE
    @Path("/{id}/members/{userId}")
    public Response removeMember(@PathParam("id") long id, @PathParam("userId") long userId) {
        if (!groups.removeMember(id, userId, current.actor())) {
            throw new NotFoundException("User " + userId + " is not a member of group " + id);
        }
        return Response.noContent().build();
    }

    @PUT
    @Path("/{id}/delegates")
    public Map<String, Object> delegates(@PathParam("id") long id, UsersResource.DelegatesInput input) {
        groups.setDelegates(id, input == null ? null : input.users(), input == null ? null : input.groups(), current.actor());
        return groups.detail(id);
    }
}
