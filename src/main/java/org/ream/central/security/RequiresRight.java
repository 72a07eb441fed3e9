package org.ream.central.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The right a REST resource or method needs; checked by {@link AuthFilter} on every call.
 * With several rights, any one of them is enough. A resource without it needs a login only.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface RequiresRight {
    Right[] value();
}
