package org.ream.central.sites;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

/** The Sites main tab and the site panel of the web UI (6.14). */
@Path("/api/sites")
@Produces(MediaType.APPLICATION_JSON)
@RequiresRight(Right.MANAGE_SETTINGS)
public class SitesResource {

    /** "Duplicate settings": from {@code sourceId} to {@code targetIds}, the sync groups and/or the rights. */
    public record DuplicateInput(Long sourceId, List<Long> targetIds, boolean syncGroups, boolean rights) {
    }

    @Inject
    SiteDirectory sites;

    @Inject
    SiteStatusProbe probe;

    @Inject
    CurrentUser current;

    @GET
    public List<Map<String, Object>> list() {
        return sites.list();
    }

    @POST
    public Response create(SiteInput input) {
        long id = sites.create(input, current.actor());
        return Response.status(Response.Status.CREATED).entity(sites.detail(id)).build();
    }

    @GET
    @Path("/{id}")
    public Map<String, Object> get(@PathParam("id") long id) {
        return sites.detail(id);
    }

    @PUT
    @Path("/{id}")
    public Map<String, Object> update(@PathParam("id") long id, SiteInput input) {
        sites.update(id, input, current.actor());
        return sites.detail(id);
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("id") long id) {
        sites.delete(id, current.actor());
        return Response.noContent().build();
    }

    @POST
    @Path("/duplicate")
    public Response duplicate(DuplicateInput input) {
        if (input == null || input.sourceId() == null) {
            throw new ValidationException("sourceId", "is required");
        }
        sites.endpoint(input.sourceId());
        sites.duplicate(input.sourceId(), input.targetIds(), input.syncGroups(), input.rights(), current.actor());
        return Response.noContent().build();
    }

    /** Asks the site now and answers its new status. */
    @POST
    @Path("/{id}/status")
    public Map<String, Object> checkStatus(@PathParam("id") long id) {
        SiteStatus status = probe.check(id);
        return Map.of("id", id, "status", status.name());
    }

    /** "Replicate data" (Actions menu of the Sites tab): downloads from this site now; its payloads are then loaded in the background. */
    @POST
    @Path("/{id}/replicate")
    public Map<String, Object> replicate(@PathParam("id") long id) {
        sites.endpoint(id); // 404 for an unknown site
        org.ream.central.replication.ReplicationRuns.DownloadSummary s = replication.downloadAll(java.util.List.of(id));
        return Map.of("id", id, "payloads", s.payloads(), "problems", s.problems());
    }

    @jakarta.inject.Inject
    org.ream.central.replication.ReplicationRuns replication;
}
