package org.ream.central.sites;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.ream.central.settings.ValidationException;

/** Site to central calls of the site protocol, version 1 (docs/site-protocol.md). Signed, never session-authenticated. */
@Path("/site-api/v1")
@SiteSigned
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SiteApiResource {

    @Inject
    CurrentSite site;

    @Inject
    SiteDirectory sites;

    @Inject
    SiteUsers users;

    @Inject
    SiteAuthorisations authorisations;

    @POST
    @Path("/register")
    public Map<String, Object> register(SiteDirectory.Registration registration) {
        long id = sites.register(site.name(), registration);
        return sites.settingsFor(id);
    }

    @GET
    @Path("/users")
    public Map<String, Object> users(@QueryParam("since") @DefaultValue("0") long since, @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (limit < 1 || limit > SiteUsers.MAX_LIMIT) {
            throw new ValidationException("limit", "must be between 1 and " + SiteUsers.MAX_LIMIT);
        }
        if (since < 0) {
            throw new ValidationException("since", "must not be negative");
        }
        return users.page(registered(), since, limit);
    }

    @POST
    @Path("/authorise")
    public Map<String, Object> authorise(SiteAuthorisations.Request request) {
        registered();
        return authorisations.decide(request);
    }

    private long registered() {
        if (site.id() == null) {
            throw new ValidationException("site", "register first");
        }
        return site.id();
    }
}
