package dev.parley.common.role;

import java.util.Map;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

class OnRoleCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnRole.class.getName());
        Role role = (Role) attributes.get("value");
        boolean local = (Boolean) attributes.get("local");
        return Role.enabled(context.getEnvironment()).contains(role) == local;
    }
}
