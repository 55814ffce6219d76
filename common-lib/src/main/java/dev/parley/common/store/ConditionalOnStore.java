package dev.parley.common.store;

import dev.parley.common.role.Role;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches in processes that run at least one role keeping data in the relational store. */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Conditional(ConditionalOnStore.OnStoreCondition.class)
public @interface ConditionalOnStore {

    class OnStoreCondition implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return Role.enabled(context.getEnvironment()).stream().anyMatch(Role::ownsTables);
        }
    }
}
