package org.ream.central.selfservice;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.ream.central.pins.Pins;
import org.ream.central.security.CurrentUser;
import org.ream.central.security.SessionUser;
import org.ream.central.security.UserAccounts;

/**
 * Self-service of any logged-in user (manual 8.8 "Enable user profile editing"): the profile
 * widget, password, PIN and language always; full name, email and delegates when profile
 * editing is on. No right is needed: every call acts on the caller's own account only.
 */
@Path("/api/me")
@Produces(MediaType.APPLICATION_JSON)
public class MeResource {

    public record PasswordRequest(String currentPassword, String newPassword) {
    }

    public record PinRequest(String pin) {
    }

    public record LanguageRequest(String language) {
    }

    public record ProfileRequest(String fullName, String email) {
    }

    public record DelegatesRequest(List<Long> users, List<Long> groups) {
    }

    @Inject
    CurrentUser current;

    @Inject
    SelfService self;

    @Inject
    UserAccounts accounts;

    @GET
    public Map<String, Object> profile() {
        return self.profile(current.get());
    }

    @POST
    @Path("/password")
    public Response password(PasswordRequest body) {
        SessionUser user = current.get();
        accounts.changeOwnPassword(user, body == null ? null : body.currentPassword(), body == null ? null : body.newPassword());
        return Response.noContent().build();
    }

    @POST
    @Path("/pin")
    public Response changePin(PinRequest body) {
        self.changePin(current.get(), body == null ? null : body.pin());
        return Response.noContent().build();
    }

    @POST
    @Path("/pin/generate")
    public Response generatePin() {
        Pins.Generated g = self.generatePin(current.get());
        return Response.status(Response.Status.CREATED).entity(g).build();
    }

    @PUT
    @Path("/language")
    public Map<String, Object> language(LanguageRequest body) {
        self.changeLanguage(current.get(), body == null ? null : body.language());
        return self.profile(current.get());
    }

    @PUT
    @Path("/profile")
    public Map<String, Object> editProfile(ProfileRequest body) {
        self.editProfile(current.get(), body == null ? null : body.fullName(), body == null ? null : body.email());
        return self.profile(current.get());
    }

    @GET
    @Path("/delegates")
    public Map<String, Object> delegates() {
        return self.delegates(current.get().userId());
    }

    @PUT
    @Path("/delegates")
    public Map<String, Object> setDelegates(DelegatesRequest body) {
        self.setDelegates(current.get(), body == null ? null : body.users(), body == null ? null : body.groups());
        return self.delegates(current.get().userId());
    }
}
