package dev.parley.common.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link WebApi} bean as the handler of one Web API method, e.g. {@code chat.postMessage}.
 * The handler takes an {@link ApiRequest} and returns the fields that go next to {@code "ok":true}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ApiMethod {

    String value();

    /** Whether a valid token is required; the few bootstrap methods (sign-in, workspace creation) say false. */
    boolean authenticated() default true;
}
