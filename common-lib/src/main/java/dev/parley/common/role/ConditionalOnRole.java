package dev.parley.common.role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Conditional;

/** Matches when this process runs the given role ({@code local = true}) or does not ({@code local = false}). */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Conditional(OnRoleCondition.class)
public @interface ConditionalOnRole {

    Role value();

    boolean local() default true;
}
