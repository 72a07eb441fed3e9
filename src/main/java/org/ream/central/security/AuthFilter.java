package org.ream.central.security;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.ream.central.sites.SiteSigned;

/**
 * Every REST call needs a valid session unless its resource is marked {@link Public}, and
 * the rights named by {@link RequiresRight}: enforced here, not only hidden in menus.
 * State-changing calls must carry the X-Requested-With header, which a cross-site form
 * cannot set (CSRF), on top of the SameSite=Strict cookie. The site protocol's resources
 * ({@link SiteSigned}) take no session and no cookie: only a signature verified by the site
 * filter opens them, and nothing else answers under /site-api/.
 */
@Provider
public class AuthFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resourceInfo;

    @Inject
    WebSessions sessions;

    @Inject
    CurrentUser current;

    @Override
    public void filter(ContainerRequestContext ctx) {
        Method m = resourceInfo.getResourceMethod();
        Class<?> type = resourceInfo.getResourceClass();
        if (m == null || type == null) {
            return;
        }
        if (type.isAnnotationPresent(SiteSigned.class)) {
            if (ctx.getProperty(SiteSigned.VERIFIED) == null) {
                ctx.abortWith(error(Response.Status.UNAUTHORIZED, "A site signature is required"));
            }
            return;
        }
        if (ctx.getUriInfo().getPath().startsWith("/site-api/")) {
            ctx.abortWith(error(Response.Status.UNAUTHORIZED, "A site signature is required"));
            return;
        }
        boolean isPublic = m.isAnnotationPresent(Public.class) || type.isAnnotationPresent(Public.class);
        String method = ctx.getMethod();
        boolean mutating = !(method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS"));
        if (mutating && ctx.getHeaderString("X-Requested-With") == null) {
            ctx.abortWith(error(Response.Status.FORBIDDEN, "Missing X-Requested-With header"));
            return;
        }
        Cookie cookie = ctx.getCookies().get(WebSessions.COOKIE);
        Optional<SessionUser> user = cookie == null ? Optional.empty() : sessions.check(cookie.getValue());
        user.ifPresent(current::set);
        if (isPublic) {
            return;
        }
        if (user.isEmpty()) {
            ctx.abortWith(error(Response.Status.UNAUTHORIZED, "Please log in"));
            return;
        }
        RequiresRight needed = m.isAnnotationPresent(RequiresRight.class) ? m.getAnnotation(RequiresRight.class) : type.getAnnotation(RequiresRight.class);
        if (needed != null && Arrays.stream(needed.value()).noneMatch(user.get()::has)) {
            ctx.abortWith(error(Response.Status.FORBIDDEN, "This needs the right: " + Arrays.toString(needed.value())));
        }
    }

    static Response error(Response.Status status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(Map.of("error", message)).build();
    }
}
