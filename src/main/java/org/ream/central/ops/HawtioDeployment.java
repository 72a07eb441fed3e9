package org.ream.central.ops;

import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;

/**
 * Puts the servlet deployment, which holds nothing but Hawtio, under /hawtio and serves the
 * console's files from {@code META-INF/hawtio} (unpacked from hawtio-war at build time).
 * <ul>
 * <li>The context path is set here, not with {@code quarkus.servlet.context-path}: Quarkus' test
 * framework adds that one to every {@code @TestHTTPResource} and {@code @TestHTTPEndpoint} URL,
 * which would send the web UI's and the REST API's tests to /hawtio/...</li>
 * <li>{@code META-INF/resources} holds the web UI: Undertow's default servlet would otherwise
 * answer /hawtio/index.html with the web UI's index.html.</li>
 * </ul>
 * Undertow finds this extension through META-INF/services and applies it when the deployment
 * starts; requests outside /hawtio that reach Undertow (Quarkus routes it everything no other
 * route took) get 404.
 */
public class HawtioDeployment implements ServletExtension {

    static final String PATH = "/hawtio";
    static final String FILES = "META-INF/hawtio";

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext servletContext) {
        String root = deployment.getContextPath();
        deployment.setContextPath(root == null || root.equals("/") ? PATH : root + PATH);
        deployment.setResourceManager(new ClassPathResourceManager(deployment.getClassLoader(), FILES));
    }
}
