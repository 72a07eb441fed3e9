package org.ream.central.users;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.RequiresRight;
import org.ream.central.security.Right;

/**
 * The Rights settings tab (8.9). Only administrators: "manage settings" excludes this tab, and a
 * user manager able to grant rights could make themselves administrator.
 */
@Path("/api/rights")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.ADMINISTRATOR)
public class RightsResource {

    @Inject
    RightGrants grants;

    @Inject
    CurrentUser current;

    public record RightsInput(List<String> rights) {
    }

    @GET
    public Map<String, Object> byRight() {
        return grants.byRight();
    }

    @GET
    @Path("/users/{id}")
    public Map<String, Object> ofUser(@PathParam("id") long id) {
        return Map.of("userId", id, "rights", names(grants.ofUser(id)));
    }

    @PUT
    @Path("/users/{id}")
    public Map<String, Object> setForUser(@PathParam("id") long id, RightsInput input) {
        grants.setForUser(id, RightGrants.parse(input == null ? null : input.rights()), current.actor());
        return ofUser(id);
    }

    @GET
    @Path("/groups/{id}")
    public Map<String, Object> ofGroup(@PathParam("id") long id) {
        return Map.of("groupId", id, "rights", names(grants.ofGroup(id)));
    }

    @PUT
    @Path("/groups/{id}")
    public Map<String, Object> setForGroup(@PathParam("id") long id, RightsInput input) {
        grants.setForGroup(id, RightGrants.parse(input == null ? null : input.rights()), current.actor());
        return ofGroup(id);
    }

    private static List<String> names(Set<Right> rights) {
        return rights.stream().map(Right::name).toList();
    }
}
