package dev.parley.common.api;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.aop.support.AopUtils;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ReflectionUtils;

/** The Web API methods this process serves, collected from its {@link WebApi} beans. */
public class ApiMethodRegistry {

    /** One Web API method bound to its handler. */
    public record Handler(String name, boolean authenticated, Object bean, Method method) {

        Object invoke(ApiRequest request) throws Throwable {
            try {
                return method.invoke(bean, request);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    private final Map<String, Handler> handlers = new HashMap<>();

    public ApiMethodRegistry(ApplicationContext context) {
        for (Object bean : context.getBeansWithAnnotation(WebApi.class).values()) {
            Class<?> type = AopUtils.getTargetClass(bean);
            for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type)) {
                ApiMethod annotation = AnnotationUtils.findAnnotation(method, ApiMethod.class);
                if (annotation == null) {
                    continue;
                }
                if (method.getParameterCount() != 1 || method.getParameterTypes()[0] != ApiRequest.class) {
                    throw new IllegalStateException(type.getName() + "." + method.getName()
                            + " must take exactly one ApiRequest");
                }
                ReflectionUtils.makeAccessible(method);
                Handler previous = handlers.put(annotation.value(),
                        new Handler(annotation.value(), annotation.authenticated(), bean, method));
                if (previous != null) {
                    throw new IllegalStateException("Web API method " + annotation.value() + " is served twice");
                }
            }
        }
    }

    public Optional<Handler> find(String method) {
        return Optional.ofNullable(handlers.get(method));
    }
}
