package org.ream.central.ops;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.StaticResourcesConfig;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Serves the web UI ({@code META-INF/resources}) at /. Quarkus leaves static files to the servlet
 * container as soon as one is present, and ours (Undertow) holds nothing but Hawtio, under
 * /hawtio: this route puts back the handler Quarkus installs without one, with the same
 * settings ({@code quarkus.http.static-resources.*}), just before Undertow's catch-all route.
 * A file it does not find goes on to the next route.
 */
@ApplicationScoped
public class WebUiFiles {

    static final String ROOT = "META-INF/resources";

    void route(@Observes Router router) {
        StaticResourcesConfig settings = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class)
                .getConfigMapping(VertxHttpConfig.class).staticResources();
        StaticHandler files = StaticHandler.create(ROOT)
                .setDefaultContentEncoding(settings.contentEncoding().name())
                .setIndexPage(settings.indexPage())
                .setIncludeHidden(settings.includeHidden())
                .setEnableRangeSupport(settings.enableRangeSupport())
                .setCachingEnabled(settings.cachingEnabled())
                .setMaxCacheSize(settings.maxCacheSize())
                .setCacheEntryTimeout(settings.cacheEntryTimeout().toMillis())
                .setMaxAgeSeconds(settings.maxAge().toSeconds());
        // Files come from the application's class path: resolve them with its class loader.
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        router.route().order(RouteConstants.ROUTE_ORDER_DEFAULT - 1).handler(rc -> {
            HttpMethod method = rc.request().method();
            if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
                rc.next();
                return;
            }
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(application);
            try {
                files.handle(rc);
            } finally {
                thread.setContextClassLoader(previous);
            }
        });
    }
}
